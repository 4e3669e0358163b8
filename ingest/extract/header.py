"""The document itself: title, own number (文号), issuer, signing date, region, level and
the numbers it cites.

An official document announces itself in a fixed order -- number, title (``X关于…的通知``),
addressees ending in ``:``, body, signature, date -- and pages add metadata lines.  The own
number is the one in the header (before the addressees, or in parentheses right after the
title); every other number is a citation.  What neither the text nor the metadata says
(the region of a city notice that never names its city) stays empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lists import split_names
from .names import GENERIC_ONLY, free_ok, slot_rejection, suffix_of
from .registry import Region
from ...vocab.bodies import NATIONAL_BODIES
from ...vocab.patterns import DATE_CN, DATE_DIGITS, DATE_ISO, find_docnos, parse_date
from ...vocab.places import MUNICIPALITIES, Place, gazetteer, is_place_word

DOC_KINDS = r"(?:通知|意见|方案|办法|决定|批复|报告|函|规划|计划|纲要|细则|规定|通报|公告|意见的通知|措施|要点|安排|清单|条例|决议)"
_TITLE_TAGS = re.compile(r"^(?:【[^】]{1,8}】|\((?:19|20)\d{2}\)|\[[^\]]{1,8}\])+\s*")
TITLE_RE = re.compile(rf"^(?P<title>[^\n。]{{4,120}}?{DOC_KINDS})\s*(?:\(|$)")
_ISSUER_IN_TITLE = re.compile(r"^(?P<issuer>[\u3400-\u9fff()、]{2,60}?)(?:关于|转发|印发)")
_REPORTED_ISSUER = re.compile(r"(?:近日|日前|近期|\d{1,2}月\d{1,2}日)[,]?(?P<issuer>[\u3400-\u9fff]{2,20}?"
                              r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|厅|委|局))"
                              r"(?:(?:和|、|与|会同)[\u3400-\u9fff]{2,20}?(?:厅|委|局|办公厅|政府))?(?:联合)?(?:正式)?"
                              r"(?:印发|发布|公布|出台)")
ADDRESSEE = re.compile(r"^\s*(?:各|[\u3400-\u9fff()、,]{0,40}(?:人民政府|政府|部门|单位|管委会|厅|局|委)).{0,160}:\s*$")
PROVINCE_ABBR = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "豫": "河南省", "云": "云南省",
                 "辽": "辽宁省", "黑": "黑龙江省", "湘": "湖南省", "皖": "安徽省", "鲁": "山东省", "新": "新疆维吾尔自治区",
                 "苏": "江苏省", "浙": "浙江省", "赣": "江西省", "鄂": "湖北省", "桂": "广西壮族自治区", "甘": "甘肃省",
                 "晋": "山西省", "蒙": "内蒙古自治区", "陕": "陕西省", "吉": "吉林省", "闽": "福建省", "贵": "贵州省",
                 "粤": "广东省", "青": "青海省", "藏": "西藏自治区", "川": "四川省", "宁": "宁夏回族自治区", "琼": "海南省"}


@dataclass
class Header:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    doc_number: str | None = None
    doc_number_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_rule: str | None = None
    date: str | None = None
    date_rule: str | None = None
    region: Region = field(default_factory=Region)
    region_rule: str | None = None
    level: str | None = None
    cites: list[str] = field(default_factory=list)
    cite_spans: list[tuple[str, int, int]] = field(default_factory=list)
    body_start: int = 0  # where the addressee line or the body begins
    addressee: bool = False  # whether an addressee line was found at body_start

    def as_dict(self) -> dict:
        return {"title": self.title, "doc_number": self.doc_number, "issuer": self.issuer, "date": self.date,
                "region": self.region.as_dict(), "level": self.level, "cites": self.cites}


def is_addressee_line(line: str) -> bool:
    """A line of nothing but bodies' names, ending in a colon: ``各县(市、区)人民政府,市直各部门:``.

    >>> is_addressee_line("各县(市、区)人民政府,市直有关单位:"), is_addressee_line("为贯彻落实省委、省政府决策部署,现通知如下:")
    (True, False)
    """
    body = line.strip().rstrip(":").strip()
    if not body or len(body) > 300 or re.search(r"[。;!?“”《》]", body):
        return False
    forms = split_names(body)
    ok = [f for f in forms if slot_rejection(f.text) is None or GENERIC_ONLY.match(f.text)]
    return bool(forms) and len(ok) >= 0.8 * len(forms)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield line, pos
        pos += len(line) + 1


def find_title(text: str, head_limit: int = 1500) -> tuple[str, int, int] | None:
    """The title: the first heading-like line (``…关于…的通知``) near the top.

    >>> find_title("许政办[2012]37号 许昌市人民政府办公室关于转发提速计划的通知\\n各县:")[0]
    '许昌市人民政府办公室关于转发提速计划的通知'
    """
    best = None
    lines = [(ln, pos) for ln, pos in _lines(text[:head_limit]) if ln.strip()]
    joined = []
    for i, (line, pos) in enumerate(lines):
        joined.append((line, pos))
        # a title broken over two or three lines: 四川省人民政府 / 关于落实…重点工作 / 部门分工的意见
        if i + 1 < len(lines) and len(line.strip()) <= 30 and not re.search(r"[。:;,]$", line.strip()):
            two = line.strip() + lines[i + 1][0].strip()
            if "关于" in two and TITLE_RE.match(two) and not TITLE_RE.match(line.strip()):
                joined[-1] = (two, pos)
                continue
            if i + 2 < len(lines) and len(lines[i + 1][0].strip()) <= 30:
                three = two + lines[i + 2][0].strip()
                if "关于" in three and TITLE_RE.match(three) and not TITLE_RE.match(two):
                    joined[-1] = (three, pos)
    for line, pos in joined:
        s = line.strip()
        if not s:
            continue
        # a number glued before the title
        lead = 0
        for _, a, b in find_docnos(s):
            if a == 0:
                lead = b
        t = s[lead:].strip()
        off = pos + line.find(s) + lead + (len(s[lead:]) - len(s[lead:].lstrip()))
        tag = _TITLE_TAGS.match(t)
        if tag:  # 【地方】(2016)河北省人民政府关于…
            off += tag.end()
            t = t[tag.end():]
        m = TITLE_RE.match(t)
        if m and ("关于" in t or len(t) <= 40) and not t.endswith(":"):
            title = m.group("title")
            if best is None or ("关于" in title and "关于" not in best[0]):
                best = (title, off, off + len(title))
            if "关于" in title:
                break
    return best


def find_signature_date(text: str, body_start: int) -> tuple[str, int, str] | None:
    """The signing date: a line that holds only a date (after an optional issuer)."""
    for line, pos in list(_lines(text)):
        if pos < body_start and not (pos + len(line) <= body_start and next(find_docnos(line), None)):
            continue  # in the header, only a line with the number may carry the date
        s = line.strip()
        if not s or len(s) > 40:
            continue
        m = DATE_CN.search(s) or DATE_ISO.search(s)
        if not m and DATE_DIGITS.match(s) and parse_date(s):
            # a signing date whose separators were lost (2016815) counts under a signature line
            prev = text[:pos].rstrip("\n").split("\n")[-1].strip()
            if prev and suffix_of(prev):
                return parse_date(s), pos, ""
        if not m:
            continue
        rest = (s[:m.start()] + s[m.end():]).strip()
        for _, a, b in find_docnos(rest):  # 川府发〔2011〕8号 二○一一年三月十七日
            rest = (rest[:a] + rest[b:]).strip()
            break
        if rest and not (suffix_of(rest) or rest in ("(", ")", "()")):
            continue
        iso = parse_date(m.group(0))
        if iso:
            return iso, pos, rest
    return None


def region_of(name: str, prefer_province: str | None = None) -> Region | None:
    """The region a place or a body's name starts with.

    >>> region_of("锦州市人民政府").as_dict()
    {'province': '辽宁省', 'city': '锦州市', 'county': None}
    >>> region_of("河南省工业和信息化厅办公室").level
    'province'
    """
    best, expect = None, 0
    for place, st, end in gazetteer().find(name[:16]):
        if st != expect:  # only a chain of places at the start: 苏州市吴江区
            break
        p = gazetteer().lookup(place, best.province if best else prefer_province)
        if p is None:
            break
        best, expect = p, end
    if best is None:
        return None
    r = best.region
    return Region(r["province"], r["city"], r["county"])


def region_of_mentions(text: str) -> tuple[Region, str] | None:
    """The region a text keeps naming, when its metadata and issuer do not say: one city
    that most mentions point to, or one province that several of its cities belong to."""
    from collections import Counter

    cities, provinces, counties = Counter(), Counter(), Counter()
    g = gazetteer()
    for name, _, _ in g.find(text[:6000]):
        if len(name) < 2 or (len(name) == 2 and not is_place_word(name)):
            continue  # 合作, 资源: short names that are mostly common words
        p = g.lookup(name)
        if p is None or p.level == "county":
            continue  # a district's name (东城区) is too often reused to locate a text
        provinces[p.province] += 1
        if p.level == "city" or (p.level == "county" and p.city):
            cities[p.city or p.name] += 1
        if p.level == "county":
            counties[p.name] += 1
    if not provinces:
        return None
    prov, pn = provinces.most_common(1)[0]
    if pn < 0.6 * sum(provinces.values()):
        return None
    in_prov = [(c, n) for c, n in cities.most_common() if (g.lookup(c, prov) or Place(c, "city", "")).province == prov]
    if in_prov:
        city, cn = in_prov[0]
        if cn >= 0.7 * sum(n for _, n in in_prov) and prov not in MUNICIPALITIES:
            return Region(prov, city), "region:mentions"
        if len(in_prov) >= 2:
            return Region(prov), "region:mentions"
    return Region(prov), "region:mentions"


def parse_header(text: str, meta: dict | None = None) -> Header:
    """Read the document's own facts from cleaned text and metadata.

    >>> t = ("许政办[2012]37号 许昌市人民政府办公室关于转发提速计划的通知\\n各县(市、区)人民政府:\\n"
    ...      "按照《通知》(豫政办〔2012〕33号)要求,现转发给你们。\\n二○一二年四月十六日\\n")
    >>> h = parse_header(t)
    >>> h.doc_number, h.issuer, h.date, h.region.city, h.level, h.cites
    ('许政办〔2012〕37号', '许昌市人民政府办公室', '2012-04-16', '许昌市', 'city', ['豫政办〔2012〕33号'])
    """
    meta = meta or {}
    h = Header()
    # addressees: the first line that ends in ":" and names bodies
    body_start = 0
    for line, pos in _lines(text[:3000]):
        if ADDRESSEE.match(line) and pos < 2500 and is_addressee_line(line):
            body_start = pos
            h.addressee = True
            break
    h.body_start = body_start
    t = find_title(text)
    if t:
        h.title, h.title_span = t[0], (t[1], t[2])
    elif meta.get("title"):
        h.title = meta["title"]
    # own number: page metadata, else a number in the header zone or right after the title
    docnos = list(find_docnos(text))
    own = None
    if meta.get("doc_number"):
        own = meta["doc_number"]
    else:
        header_end = body_start if body_start else min(len(text), 400)
        if h.title_span:
            header_end = max(header_end, h.title_span[1] + 30)
        for norm, a, b in docnos:
            before = text[max(0, a - 30):a]
            if a < header_end and not re.search(r"》\s*\(?\s*$|根据|按照|依据|转发", before[-8:]):
                own = norm
                h.doc_number_span = (a, b)
                break
    h.doc_number = own
    seen = {own} if own else set()
    for norm, a, b in docnos:
        if norm not in seen:
            seen.add(norm)
            h.cites.append(norm)
            h.cite_spans.append((norm, a, b))
    # issuer: the title's "X关于", a signature line, page metadata
    if h.title:
        m = _ISSUER_IN_TITLE.match(h.title)
        if m:
            cand = m.group("issuer")
            # joint issuers (省财政厅、省发展改革委关于…): the first is the issuer
            for part in re.finditer(r"、|和|与", cand):
                if suffix_of(cand[:part.start()]):
                    cand = cand[:part.start()]
                    break
            if suffix_of(cand) or cand in NATIONAL_BODIES:
                h.issuer, h.issuer_rule = cand, "issuer:title"
    sig = find_signature_date(text, body_start)
    if not h.issuer and sig and sig[2] and free_ok(sig[2]):
        h.issuer, h.issuer_rule = sig[2], "issuer:signature"
    if not h.issuer and sig:
        # the line just above the date line
        prev = text[:sig[1]].rstrip("\n").split("\n")[-1].strip()
        if prev and len(prev) <= 30 and suffix_of(prev) and (region_of(prev) or prev in NATIONAL_BODIES):
            h.issuer, h.issuer_rule = prev, "issuer:signature"
    if not h.issuer and meta.get("issuer"):
        h.issuer, h.issuer_rule = meta["issuer"], "page-metadata"
    if not h.issuer:
        # a page reporting the document: 近日,浙江省人民政府办公厅印发…
        m = _REPORTED_ISSUER.search(text[:600])
        if m and region_of(m.group("issuer")):
            h.issuer, h.issuer_rule = m.group("issuer"), "issuer:reported"
    # date: the signature date, else the metadata's signing date, else a given date
    if sig:
        h.date, h.date_rule = sig[0], "date:signature"
    elif meta.get("date_signed"):
        h.date, h.date_rule = parse_date(meta["date_signed"]), "page-metadata"
    elif meta.get("date"):
        h.date, h.date_rule = parse_date(str(meta["date"])) or meta["date"], "metadata"
    elif meta.get("date_published"):
        h.date, h.date_rule = parse_date(meta["date_published"]), "page-metadata"
    # region: given, else the issuer's, else the title's place
    given = meta.get("region")
    region = None
    if given:
        p = gazetteer().lookup(given)
        if p is not None:
            r = p.region
            region, h.region_rule = Region(r["province"], r["city"], r["county"]), "metadata"
    if region is None and h.issuer:
        region = region_of(h.issuer)
        h.region_rule = "region:issuer"
    if region is None and h.title:
        region = region_of(h.title)
        h.region_rule = "region:title"
    if region is None:
        found = region_of_mentions(text)
        if found:
            region, h.region_rule = found
    if region is None and h.doc_number and h.doc_number[0] in PROVINCE_ABBR:
        region, h.region_rule = Region(PROVINCE_ABBR[h.doc_number[0]]), "region:doc-number"
    if region is not None and region.province in MUNICIPALITIES and region.county is None:
        region = Region(region.province)
    h.region = region or Region()
    # an issuer named by its level only (市政府关于…), or none at all under a title that
    # starts with the region (黑龙江省促进经济稳增长的若干措施)
    if h.issuer and region is not None and re.match(r"^(?:省|市|区|县|自治区)(?:人民)?政府", h.issuer):
        lvl = h.issuer[0] if not h.issuer.startswith("自治区") else "自治区"
        name = {"省": region.province, "自治区": region.province, "市": region.city, "区": region.county,
                "县": region.county}.get(lvl)
        if name:
            h.issuer = name + "人民政府" + re.sub(r"^(?:省|市|区|县|自治区)(?:人民)?政府", "", h.issuer)
    if not h.issuer and region is not None and h.title and h.title.startswith(region.name) \
            and "关于" not in h.title and region.name:
        h.issuer, h.issuer_rule = region.name + "人民政府", "issuer:title-region"
    if h.issuer and (h.issuer in NATIONAL_BODIES or h.issuer.startswith(("国务院", "中共中央"))):
        h.level = "national"
        if not given:
            h.region = Region()
    else:
        h.level = h.region.level
    return h
