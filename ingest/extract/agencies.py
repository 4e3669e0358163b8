"""Government bodies: how their names look, how lists of them split, how they are found in
running text and how the surface forms of one body merge into one canonical agency.

Two standards of evidence.  In a *structured* slot (``责任单位:X、Y``, a table cell, an
addressee list) the structure gives the boundaries and a form only needs the shape of a name.
In *running text* a form must start with a prefix (a region: 省/市/县/区…, 各, a place name,
a national body) and end with a body's suffix (局, 厅, 委, 办, 政府, 管委会 …), and must not
swallow a verb or a conjunction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.bodies import (CORE_RE, FULL_NAME, FUNCTION_OF_CORE, NAME_AND, NATIONAL_BODIES, PERSON_TITLE, ROLE_WORDS,
                      SUFFIX_RE)
from ...vocab.levels import LEVEL_OF_PREFIX
from ...vocab.places import ZONE_WORDS, gazetteer

REGION_CHARS = "省市县区州盟旗镇乡"
# a prefix at the start of a name in running text
PREFIX = re.compile(rf"(?:自治区|自治州|团(?=[省市县区]委)|市(?![场民容])|[{REGION_CHARS.replace('市', '')}]|各|中直|国家|"
                    rf"国务院|中共|全国|党中央)")
# tokens a name never contains (after the 和 inside names such as 人力资源和社会保障 is masked)
FORBIDDEN = re.compile(r"[的与及或要将对在把被向从由同等为是和了并而但其这该此之您你我他她它]|以上|以下|以内|所在|省长|市长|县长|"
                       r"抓好|"
                       r"负责|牵头|配合|进行|推进|加强|加快|按照|根据|通过|实施|建设|发展的|[\d%“”\"《》〈〉,。;:!?]")
# a name is not followed by these (布局, 办理, 政府性 …)
BAD_AFTER = {"局": "部面势限", "办": "理法结好事学实公", "委": "托屈", "政府": "性采购债投", "厅": "堂",
             "单位": "面时产", "部门": "间", "公司": "债制化", "银行": "业卡", "宣传部": "门", "组织部": "门",
             "统战部": "门", "工作部": "门"}
# a character before the suffix that makes a verb or a noun of it (举办, 布局, 特办 …)
BAD_BEFORE_SUFFIX = {"办": set("举创兴承督代包操停照特协合开主试筹"), "局": set("布格结大全当开时变骗残赌终出入"),
                     "委": set("主常"), "厅": set("大客餐展门"), "部": set("全内外局干本北南东西中总")}
# a prefix character that is really the end of another word (园区, 辖区, 城市, 全省 …)
BAD_BEFORE_PREFIX = set("园聚发新地辖社景片矿港街城都超")
# words that end just before a prefix char and absorb it (全省, 本市, 城市 …)
BAD_BEFORE = set("全本我该城外跨副两三四五六七八九十") | BAD_BEFORE_PREFIX
COLLECTIVE_RE = re.compile(r"^(?:各|有关|相关)|各(?:有关|相关|级)?(?:部门|单位|委办局|委、|直属|成员)|有关部门|有关单位|直属各|"
                           r"直属单位|两级|三级|各部门|成员单位|事业单位|企业")
GENERIC_ONLY = re.compile(r"^(?:各|有关|相关)*(?:级|直属|成员|有关|相关|大)*(?:部门|单位|机构|委办局|政府|人民政府|企业)$")
PLACE_SUFFIX = re.compile(r"(?:人民政府|政府|管委会|管理委员会)$")
ROLE_PREFIX = re.compile(r"^[★☆*●◆▲△]+")


def _mask_name_and(s: str) -> str:
    return NAME_AND.sub(lambda m: m.group(0)[:-1] + "＋", s)


_SUFFIX_END = re.compile(f"(?:{SUFFIX_RE.pattern})$")


def suffix_of(s: str) -> str | None:
    m = _SUFFIX_END.search(s)
    return m.group(0) if m else None


def is_place(s: str) -> bool:
    return s in gazetteer().by_name


def clean_form(s: str) -> str:
    """Trim list debris around a name: spaces, marks, trailing role words.

    >>> clean_form(" ★区发改委 "), clean_form("团市委配合落实"), clean_form("省财政厅牵头")
    ('区发改委', '团市委', '省财政厅')
    """
    s = ROLE_PREFIX.sub("", re.sub(r"\s+", "", s)).strip("、,;:。")
    prev = None
    while prev != s:
        prev = s
        s = ROLE_WORDS.sub("", s)
    return s.strip("、,;:。")


def structured_ok(s: str) -> bool:
    """Is ``s`` shaped like a body's name, in a slot that only holds names?

    >>> [structured_ok(x) for x in ["市发改委", "统计局", "吴江海关", "哈尔滨", "招商工作部", "高耗能", "一"]]
    [True, True, True, True, True, False, False]
    """
    if not s or len(s) > 40 or len(s) < 2:
        return False
    if re.search(r"[。!?“”《》:]|\d{3,}", s) or PERSON_TITLE.search(s):
        return False
    bare = re.sub(r"\([^()]{1,10}\)$", "", s)  # 各县(市)区政府(管委会)
    if s in NATIONAL_BODIES or suffix_of(bare) or is_place(s):
        return True
    # 中心, 站, 所, 院, 集团: accepted in a slot for names
    return bool(re.search(r"(?:中心|站|所|院|集团|协会|商会|联合会|总会|部|处|科|队|社|馆|机构)$", s))


def free_ok(s: str) -> bool:
    """Is ``s`` a body's name, found in running text?

    >>> [free_ok(x) for x in ["市发展改革委", "省产业集聚区联席会议办公室", "市直有关部门", "各部门", "省政府金融办",
    ...                      "市发展改革委要做好联席会议办公室", "各产业集聚区所在地政府", "人力资源和社会保障厅"]]
    [True, True, True, False, True, False, False, False]
    """
    if not 2 <= len(s) <= 30:
        return False
    if s in NATIONAL_BODIES:
        return True
    if not suffix_of(s) or PERSON_TITLE.search(s):
        return False
    masked = _mask_name_and(re.sub(r"\([^()]{1,12}\)", "", s))
    # 建设/发展 inside the name of a leading group or its office: 市工业园区建设领导小组办公室
    masked = re.sub(r"(?:建设|发展|推进)(?=(?:工作)?(?:领导小组|指挥部|联席会议|委员会))|城乡建设|建设(?=厅|局|委|兵团)",
                    "", masked)
    masked = re.sub(r"^([省市县区州]、)+(?=[省市县区州])", "", masked)  # 市、县两级…
    if FORBIDDEN.search(masked):
        return False
    if GENERIC_ONLY.match(s) or re.match(r"^各地(?:区)?[、]?各", s) or "届" in s:
        return False  # 各地各部门, 市十四届人大: not a body's name
    # two names run together (省委省政府): the shorter ones are found on their own
    if re.search(r"(?:委|府|厅|局|办)(?=[省市县区](?:委|政府|人民政府)$)", s):
        return False
    if not (PREFIX.match(s) or _place_prefix(s)):
        return False
    body = PREFIX.sub("", s, count=1) if PREFIX.match(s) else s[len(_place_prefix(s)):]
    if s.startswith("各") and GENERIC_ONLY.match(body or "x"):
        return False
    if ZONE_WORDS.search(s) and not re.search(r"(?:管委会|管理委员会|管理办|办公室|办事处|公司|政府|会议|领导小组)$", s):
        return False
    return True


def _place_prefix(s: str) -> str:
    for name, start, _ in gazetteer().find(s[:12]):
        if start == 0:
            return name
        break
    return ""


# --- splitting lists of names ---------------------------------------------------------------
_SPLIT = re.compile(r"(、|,|;|以及|和|及|与|等|\s+)")
_STUB = re.compile(rf"^(?:各|相关|有关)?[{REGION_CHARS}](?:\([^()]*\))?$")
_BARE_SUFFIX = re.compile(r"^(?:委|办|厅|局|单位|部门|事业单位|企业|机构|公司)$")


@dataclass
class Form:
    text: str  # the name as written (cleaned)
    start: int
    end: int
    lead: bool = False
    role: str | None = None  # role word attached to this name or its group (配合 -> cooperating)
    inherit_prefix: str = ""  # region prefix carried over from the list (市发改委、财政局 -> 市)
    distributed: str = ""  # a suffix carried over (长春市、吉林市人民政府 -> 长春市人民政府)


_COOP_END = re.compile(r"(?:配合|协办|参与|参加|协助|协同)(?:落实)?$")
_RESP_END = re.compile(r"(?:牵头|负责|主办)(?:落实)?$")


def _role_of(raw: str) -> str | None:
    if _COOP_END.search(raw):
        return "cooperating"
    if _RESP_END.search(raw):
        return "responsible"
    return None


def split_names(s: str, offset: int = 0, slot: str | None = None) -> list[Form]:
    """Split a list of names as written in duty markers, table cells and addressee lines.

    >>> [f.text for f in split_names("市发改委、财政局,无锡国税局、地税局")]
    ['市发改委', '财政局', '无锡国税局', '地税局']
    >>> [f.text for f in split_names("省发改委、铁路办、哈尔滨铁路局、相关市、县政府负责")]
    ['省发改委', '铁路办', '哈尔滨铁路局', '相关市、县政府']
    >>> [f.text for f in split_names("自治区各委、办、厅、局,各大企业、事业单位")]
    ['自治区各委、办、厅、局', '各大企业、事业单位']
    >>> [(f.text, f.distributed) for f in split_names("长春市、吉林市人民政府")]
    [('长春市', '长春市人民政府'), ('吉林市人民政府', '')]
    >>> [(f.text, f.role) for f in split_names("市发改委、市科技局、团市委配合落实", slot="responsible")]
    [('市发改委', None), ('市科技局', None), ('团市委', 'cooperating')]
    >>> [f.text for f in split_names("省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府")]
    ['省财政厅', '省人事厅', '省农业厅', '省直有关部门', '各市人民政府']
    >>> [f.text for f in split_names("各市(县)和各区人民政府")]
    ['各市(县)和各区人民政府']
    """
    # tokens with their offsets; separators inside parentheses do not split
    parts: list[tuple[str, int, str]] = []  # (text, start, separator before)
    depth, buf, bstart, sep = 0, "", 0, ""
    i = 0
    while i < len(s):
        ch = s[i]
        if ch in "(":
            depth += 1
        elif ch in ")":
            depth = max(0, depth - 1)
        if depth == 0:
            m = _SPLIT.match(s, i)
            if m and not (m.group(1) == "和" and NAME_AND.search(s[max(0, i - 6):i + 4])):
                parts.append((buf, bstart, sep))
                sep = m.group(1).strip() or " "
                i = m.end()
                buf, bstart = "", i
                continue
        if not buf:
            bstart = i
        buf += ch
        i += 1
    parts.append((buf, bstart, sep))
    parts = [(t, st, sp) for t, st, sp in parts if t.strip()]
    # merge stubs (各市 / 相关市) with what follows, and bare suffixes (办, 单位) with what precedes
    merged: list[list] = []
    for t, st, sp in parts:
        if merged and _STUB.match(clean_form(merged[-1][0])) and sp in ("、", "和") and not merged[-1][3]:
            merged[-1][0] = merged[-1][0] + sp + t
            continue
        if merged and _BARE_SUFFIX.match(clean_form(t)) and sp == "、":
            merged[-1][0] = merged[-1][0] + sp + t
            continue
        merged.append([t, st, sp, ROLE_WORDS.search(t) is not None])
    forms: list[Form] = []
    for t, st, sp, _ in merged:
        raw = t.strip()
        text = clean_form(raw)
        if not text:
            continue
        lead = bool(ROLE_PREFIX.match(raw.strip()))
        start = offset + st + (len(t) - len(t.lstrip())) + (1 if lead else 0)
        forms.append(Form(text, start, start + len(text), lead=lead, role=_role_of(raw)))
    # a role word at the end of a group applies to the whole 、-group before it -- except a
    # lone 配合 at the end of a list in a slot that already says "responsible" (a table's
    # 责任单位 column: "X、Y、Z配合落实" means Z cooperates)
    groups: list[list[Form]] = [[]]
    raws: list[list[str]] = [[]]
    for f, (t, st, sp, _) in zip(forms, merged):
        if sp not in ("、", "和", "及", "与", "等", "以及") and groups[-1]:
            groups.append([])
            raws.append([])
        groups[-1].append(f)
        raws[-1].append(t)
        if f.role:
            groups.append([])
            raws.append([])
    groups = [g for g in groups if g]
    raws = [r for r in raws if r]
    # a ";" segment that ends in its only role word gives it to the whole segment:
    # (省发展改革委、财政厅牵头;省工信委、国土资源厅,国家开发银行云南省分行配合)
    seg_of = []
    seg = 0
    for f, (t, st, sp, _) in zip(forms, merged):
        if sp == ";":
            seg += 1
        seg_of.append(seg)
    for k in set(seg_of):
        members = [f for f, sg in zip(forms, seg_of) if sg == k]
        with_role = [f for f in members if f.role]
        if len(with_role) == 1 and with_role[0] is members[-1] and len(members) > 1:
            role = with_role[0].role
            if not (slot == "responsible" and role == "cooperating" and len(set(seg_of)) == 1):
                raw_last = next(t for f, (t, _, _, _) in zip(forms, merged) if f is members[-1])
                for f in members:
                    f.role = role
                    if role == "responsible" and "牵头" in raw_last:
                        f.lead = True
    single = len(groups) == 1
    for g, r in zip(groups, raws):
        role = g[-1].role
        if not role:
            continue
        if single and slot == "responsible" and role == "cooperating":
            continue
        for f in g:
            f.role = f.role or role
            if role == "responsible" and re.search(r"牵头", r[-1]):
                f.lead = True
    # region prefix and suffix carried over within a list
    prefix = ""
    for f in forms:
        m = re.match(rf"^(?:自治区|[{REGION_CHARS}])(?!直|级)", f.text)
        if m and suffix_of(f.text):
            prefix = m.group(0)
        elif prefix and not PREFIX.match(f.text) and not _place_prefix(f.text):
            f.inherit_prefix = prefix
    for i, f in enumerate(forms[:-1]):
        nxt = forms[i + 1]
        suf = re.search(r"(?:人民政府|政府|管委会|管理委员会)$", nxt.text)
        # 长春市、吉林市人民政府: a place that says its level shares the suffix (黑河 alone does not)
        if suf and not suffix_of(f.text) and ((is_place(f.text) and f.text[-1] in "市县区州盟旗")
                                               or ZONE_WORDS.search(f.text)):
            f.distributed = f.text + suf.group(0)
    return forms


# --- finding names in running text ----------------------------------------------------------
@dataclass
class Mention:
    text: str
    start: int
    end: int
    rule: str


def _left_run(text: str, end: int, limit: int = 26) -> int:
    """Start of the run of name characters (CJK, balanced parentheses) that ends at ``end``."""
    i = end
    while i > 0 and end - i < limit:
        ch = text[i - 1]
        if ch == ")":
            j = text.rfind("(", max(0, i - 12), i - 1)
            if j < 0:
                break
            i = j
            continue
        if "\u3400" <= ch <= "\u9fff" or ch == "、" and text[max(0, i - 2):i - 1] in REGION_CHARS:
            i -= 1
            continue
        break
    return i


def find_mentions(text: str, lexicon: dict[str, str] | None = None) -> list[Mention]:
    """Names of bodies in running text: by shape (prefix ... suffix), and by the forms the
    document itself established (``lexicon``: form -> rule).  Overlaps keep the longest.

    >>> [m.text for m in find_mentions("市发展改革委要做好联席会议办公室的日常工作,已经市政府同意。")]
    ['市发展改革委', '市政府']
    >>> [m.text for m in find_mentions("加强与省有关部门和各省辖市政府的沟通衔接")]
    ['省有关部门', '各省辖市政府']
    >>> [m.text for m in find_mentions("认真落实省委、省政府决策部署,全市经济", {"联席会议": "alias"})]
    ['省委', '省政府']
    """
    found: list[Mention] = []
    for m in SUFFIX_RE.finditer(text):
        end = m.end()
        suf = m.group(0)
        after = text[end:end + 2]
        if suf in BAD_AFTER and after[:1] and after[0] in BAD_AFTER[suf]:
            continue
        if (suf == "委" and after.startswith("员")) or (suf == "办" and after.startswith("公")):
            continue  # part of 委员会 / 办公室
        if len(suf) == 1 or suf in BAD_BEFORE_SUFFIX:
            if text[m.start() - 1:m.start()] in BAD_BEFORE_SUFFIX.get(suf, ()):
                continue
        # a parenthesised alternative right after the name: 各县(市)区政府(管委会)
        pm = re.match(r"\(([^()]{1,10})\)", text[end:end + 12])
        if pm and (suffix_of(pm.group(1)) or re.search(r"[镇乡]$", pm.group(1))) \
                and not re.match(r"以下|简称|下称", pm.group(1)):
            end += pm.end()
        run = _left_run(text, m.start())
        for st in range(run, m.start() + 1):
            if st > 0 and text[st - 1] in BAD_BEFORE and st > run:
                continue
            cand = text[st:end]
            cand_core = text[st:m.end()]
            if free_ok(cand_core):
                found.append(Mention(cand, st, end, "agency:shape"))
                break
    if lexicon:
        forms = sorted((f for f in lexicon if len(f) >= 2), key=len, reverse=True)
        if forms:
            pat = re.compile("|".join(map(re.escape, forms)))
            for m in pat.finditer(text):
                found.append(Mention(m.group(0), m.start(), m.end(), lexicon[m.group(0)]))
    for m in re.finditer("|".join(sorted(map(re.escape, NATIONAL_BODIES), key=len, reverse=True)), text):
        found.append(Mention(m.group(0), m.start(), m.end(), "agency:national"))
    # longest first; drop anything overlapping an accepted mention
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    taken: list[Mention] = []
    used = bytearray(len(text) + 1)
    for f in found:
        if not any(used[f.start:f.end]):
            taken.append(f)
            used[f.start:f.end] = b"\x01" * (f.end - f.start)
    return sorted(taken, key=lambda x: x.start)


# --- canonical agencies ---------------------------------------------------------------------
@dataclass
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None

    @property
    def level(self) -> str | None:
        return "county" if self.county else "city" if self.city else "province" if self.province else None

    @property
    def name(self) -> str:
        return self.county or self.city or self.province or ""

    def as_dict(self) -> dict:
        return {"province": self.province, "city": self.city, "county": self.county}


@dataclass
class Agency:
    key: str
    name: str
    region: str
    province: str | None
    level: str | None
    collective: bool
    function: str | None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"name": self.name, "aliases": self.aliases, "level": self.level, "region": self.region,
                "collective": self.collective, "function": self.function,
                "mentions": [{"text": m.text, "span": [m.start, m.end], "rule": m.rule} for m in self.mentions]}




class Registry:
    """Resolves surface forms to canonical agencies of one document."""

    def __init__(self, region: Region):
        self.region = region
        self.by_key: dict[str, Agency] = {}
        self.by_form: dict[str, Agency] = {}
        self.abbreviations: dict[str, str] = {}  # 以下简称: short form -> full name

    def resolve(self, form: str, inherit_prefix: str = "") -> tuple[str, str, str | None, str | None, bool, str | None]:
        """(key, canonical name, region name, level, collective, function) of a form."""
        r = self.region
        if form in NATIONAL_BODIES:
            name = NATIONAL_BODIES[form]
            return f"中国|{name}", name, "中国", "national", False, None
        text = form
        region_name, level, province = r.name, r.level, r.province
        prefix = ""
        place = _place_prefix(text)
        if place and not text.startswith(("省", "市", "县", "区")):
            p = gazetteer().lookup(place, prefer_province=r.province)
            if p is not None:
                region_name, level, province = p.name, p.level, p.province
                prefix = place
        elif re.match(r"^(?:自治区|[省市县区州盟旗])", text) or inherit_prefix:
            ch = re.match(r"^(?:自治区|[省市县区州盟旗])", text)
            pch = ch.group(0) if ch else inherit_prefix
            lvl = LEVEL_OF_PREFIX.get(pch, level)
            if lvl == "province":
                region_name, level = r.province or "", "province"
            elif lvl == "city":
                if r.city:
                    region_name, level = r.city, "city"
                elif r.province in ("北京市", "天津市", "上海市", "重庆市"):
                    region_name, level = r.province, "province"
                else:
                    region_name, level = r.province or "", "city"
            elif lvl == "county":
                region_name, level = (r.county or r.city or r.province or ""), "county"
            prefix = ch.group(0) if ch else ""
        collective = bool(COLLECTIVE_RE.search(text)) or (level != "province" and r.level == "province"
                                                          and prefix in ("市", "县", "区", "州"))
        body = text[len(prefix):]
        body_key = re.sub(r"\([^()]*\)$", "", body.replace("人民政府", "政府")) if collective else body
        fn = None
        m = CORE_RE.search(body)
        if m and not collective and re.fullmatch(r"(?:人民)?(?:政府)?", body[:m.start()] or ""):
            fn = FUNCTION_OF_CORE[m.group(0)]
        if fn:
            full = FULL_NAME[fn][0 if level == "province" else 1]
            name = (region_name or prefix) + full
            key_body = full
        else:
            name = (region_name + body) if (prefix and region_name and not collective) else (
                form if not prefix or collective else (region_name or prefix) + body)
            key_body = re.sub(r"^各", "", body_key) if collective else body
            if collective:
                key_body = prefix + key_body
        key = f"{region_name or '?'}|{key_body}"
        return key, name, region_name or None, level, collective, fn

    def add(self, form: str, start: int, end: int, rule: str, inherit_prefix: str = "",
            alias_of: "Agency | None" = None) -> Agency:
        if alias_of is None and self.abbreviations:
            for short, full in self.abbreviations.items():
                if form.startswith(short) and not form.startswith(full):
                    expanded = full + form[len(short):]
                    alias_of = self.add(expanded, start, end, rule + ":abbreviation")
                    break
        if alias_of is not None:
            agency = alias_of
        elif form in self.by_form and not inherit_prefix:
            agency = self.by_form[form]
        else:
            key, name, region_name, level, collective, fn = self.resolve(form, inherit_prefix)
            agency = self.by_key.get(key)
            if agency is None:
                agency = Agency(key, name, region_name or "", self.region.province if level != "national" else None,
                                level, collective, fn)
                self.by_key[key] = agency
        if form not in agency.aliases:
            agency.aliases.append(form)
        self.by_form.setdefault(form, agency)
        agency.mentions.append(Mention(form, start, end, rule))
        return agency

    def agencies(self) -> list[Agency]:
        return list(self.by_key.values())
