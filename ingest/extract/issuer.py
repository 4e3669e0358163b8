"""Who issued a document -- every issuer of a joint notice, the first one leading.

The issuers stand in the title (``省财政厅、省发展改革委关于…``), above the signing date
(one body per line for a joint notice), in a page's metadata (``发布机构:``, a listing's
issuer field, a ``【银保监会】`` tag) or, on a page reporting the document, in its lead sentence
(``近日,X、Y联合印发…``, ``据央行消息,中国人民银行、中国银保监会发布…``, ``许昌市政府印发通知…``).
"""
from __future__ import annotations

import re

from ...vocab.bodies import NAME_AND, NATIONAL_BODIES, SUFFIX_RE
from ...vocab.issuers import (CENTRAL_ENDINGS, ISSUER_OPENERS, REPORT_ADVERBS, SHORT_NATIONAL_NAMES, SPEAKER_TITLES,
                              SUBUNITS)
from ...vocab.places import gazetteer
from ...vocab.words import alternation
from .mentions import find_mentions
from .names import free_ok, slot_rejection, suffix_of

_IN_TITLE = re.compile(r"^(?P<issuer>[\u3400-\u9fff()、 |]{2,80}?)(?:关于|转发|印发|《)")
_SPEAKER_WORD = re.compile(alternation(SPEAKER_TITLES))
_SPEAKER = re.compile(r"(?P<body>[\u3400-\u9fff]{2,20}?)(?:有关|相关)?(?:司局)?" + alternation(SPEAKER_TITLES)
                      + r"[^。]{0,30}?(?:表示|说|指出|介绍|称|答记者问|解读|答问|回应)")
_JOINER = re.compile(r"、|和|与| ")
# a lead sentence that reports the document: [when,] X[、Y…][联合]印发/发布…
_REPORT_LEAD = re.compile(r"^(?:[^,。]{0,30}?(?:近日|日前|近期|\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日|消息)[,:]|近日|日前|近期|"
                          r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午)?)?"
                          r"(?:(?:经\S{2,12}同意|记者从\S{2,20}获悉)[,]?)?")
_REPORT_VERB = re.compile(r"(?:\d+部门)?(?:联合)?(?:正式)?(?:印发|发布|公布|出台|下发|召开|举行|发出|制定)")
_INVITED = re.compile(r"新闻发布会[^。]{0,20}?邀请了?")
_ABBREVIATED = re.compile("^" + alternation(SHORT_NATIONAL_NAMES) + "$")


_ETC_BODIES = re.compile(r"等(?:[\d一二三四五六七八九十]+个?)?(?:部门|单位)$")
_JOINER_KEPT = re.compile(f"({_JOINER.pattern})")


def split_issuers(s: str) -> list[str]:
    """The bodies of a joint issuer string, in order; names printed without a separator are
    cut where one ends and the next begins (:func:`cut_run`).

    >>> split_issuers("省财政厅、省发展改革委"), split_issuers("住建部、央行、财政部")
    (['省财政厅', '省发展改革委'], ['住建部', '央行', '财政部'])
    >>> split_issuers("河南省工业和信息化厅办公室"), split_issuers("承德市住房和城乡建设局等九部门")
    (['河南省工业和信息化厅办公室'], ['承德市住房和城乡建设局'])
    >>> split_issuers("证监会国资委全国工商联"), split_issuers("中共许昌市委办公室 许昌市人民政府办公室")
    (['证监会', '国资委', '全国工商联'], ['中共许昌市委办公室', '许昌市人民政府办公室'])
    """
    out, buf = [], ""
    s = _ETC_BODIES.sub("", s.strip())  # X等九部门
    for part in _JOINER_KEPT.split(s):
        if _JOINER.fullmatch(part):
            buf += part if buf else ""  # a 和 may belong inside a name: 工业和信息化厅
            continue
        buf += part
        if suffix_of(buf) or buf in NATIONAL_BODIES or _ENDS.search(buf):
            out.extend(cut_run(buf.strip()))
            buf = ""
    return out


# --- runs of names printed without separators ---------------------------------------------
# a body's name ends here (the body suffixes and the endings of central bodies and centres)
_ENDS = re.compile("(?:" + SUFFIX_RE.pattern + "|" + alternation(CENTRAL_ENDINGS) + ")$")
# after one name ends, these words go on with the same body: 市委 组织部, 人民政府 办公厅
_SUBUNIT = re.compile("^" + alternation(SUBUNITS))
_LEVEL_START = re.compile("^" + alternation(ISSUER_OPENERS))
# a central body followed by a place and a branch is one name: 国家税务总局深圳市税务局
_BRANCH = re.compile(r"^[\u3400-\u9fff]{2,10}?(?:税务局|分行|中心支行|营业管理部|监管局|监管分局|调查总队|海关|分局)")
_NATIONAL_AT = re.compile(alternation(NATIONAL_BODIES))


def _place_at(s: str) -> int:
    """Length of the place name that starts ``s`` (0 if none)."""
    by_name = gazetteer().by_name
    return next((n for n in range(min(12, len(s)), 1, -1) if s[:n] in by_name), 0)


def is_branch(s: str) -> bool:
    """``s`` starts with a place and a branch office: 深圳市税务局, 惠州监管分局, 承德市分行.

    >>> is_branch("惠州监管分局"), is_branch("惠州市财政局")
    (True, False)
    """
    m = _BRANCH.match(s)
    place = _place_at(s)
    return bool(m and place and m.end() - place <= 7)


def _starts_body(s: str) -> bool:
    return bool(_LEVEL_START.match(s) or _NATIONAL_AT.match(s) or _place_at(s))


def cut_run(piece: str) -> list[str]:
    """A run of names printed without separators, cut at each point where a name ends and
    another begins (a central body and its local branch stay one name).

    >>> cut_run("市自然资源规划局市住房城乡建设局市城市管理局")
    ['市自然资源规划局', '市住房城乡建设局', '市城市管理局']
    >>> cut_run("住房城乡建设部中国人民银行金融监管总局"), cut_run("国家税务总局深圳市税务局")
    (['住房城乡建设部', '中国人民银行', '金融监管总局'], ['国家税务总局深圳市税务局'])
    """
    protected = NAME_AND.sub(lambda m: m.group(0).replace("和", "\x00"), piece)  # 住房和城乡建设
    out, start = [], 0
    for i in range(2, len(piece) - 1):
        head, rest = piece[start:i], piece[i:]
        national = head in NATIONAL_BODIES
        if (national or _ENDS.search(head)) and "\x00" not in protected[i - 1:i + 1] \
                and not _SUBUNIT.match(rest) and _starts_body(rest) and not (national and is_branch(rest)):
            out.append(head)
            start = i
    return out + [piece[start:]]


def issuers_in_title(title: str) -> list[str]:
    """The issuers a title starts with; a place alone (德安县关于…) stands for its government.

    >>> issuers_in_title("中共许昌市委办公室 许昌市人民政府办公室关于印发方案的通知")
    ['中共许昌市委办公室', '许昌市人民政府办公室']
    >>> issuers_in_title("德安县关于促进房地产市场平稳健康发展的若干措施")
    ['德安县人民政府']
    """
    m = _IN_TITLE.match(title)
    if not m:
        return []
    names = split_issuers(m.group("issuer").replace("|", " "))  # 央行、银保监会 | 关于: a page title
    if not names and gazetteer().lookup(m.group("issuer")) and m.group("issuer")[-1] in "省市县区州旗":
        return [m.group("issuer") + "人民政府"]
    return names


def names_in_line(line: str) -> list[str]:
    """Bodies' names on one line, run together or not: a joint signature.

    >>> names_in_line("郑州市住房保障和房地产管理局郑州住房公积金管理中心")
    ['郑州市住房保障和房地产管理局', '郑州住房公积金管理中心']
    """
    out = []
    for part in line.split():
        pieces = cut_run(part)  # names the mention finder does not know: 汕尾市不动产登记中心…
        if len(pieces) > 1 and all(_signature_name(x) or x in NATIONAL_BODIES for x in pieces):
            out.extend(pieces)
            continue
        if _signature_name(part) and not _run_together(part):
            out.append(part)
            continue
        found = find_mentions(part)
        if not found or "".join(m.text for m in found) != part:
            return []
        out.extend(m.text for m in found)
    return out


def _run_together(s: str) -> bool:
    found = find_mentions(s)
    return len(found) > 1 and "".join(m.text for m in found) == s


def issuers_above(text: str, pos: int, limit: int = 12) -> list[str]:
    """Bodies on the lines just above ``pos`` (the signing date), top first: a joint signature.
    A central body and its local branch printed on two lines are one name.

    >>> t = "本通知自印发之日起施行。\\n郑州市住房保障和房地产管理局\\n郑州市商务局\\n2023年9月12日"
    >>> issuers_above(t, t.index("2023"))
    ['郑州市住房保障和房地产管理局', '郑州市商务局']
    >>> t = "特此通知。\\n惠州市财政局\\n国家金融监督管理总局\\n惠州监管分局\\n2023年9月12日"
    >>> issuers_above(t, t.index("2023"))
    ['惠州市财政局', '国家金融监督管理总局惠州监管分局']
    """
    lines = text[:pos].rstrip("\n").split("\n")
    out: list[str] = []
    for line in reversed(lines[-limit:]):
        names = names_in_line(line)
        if not names and is_branch(line.strip()) and len(line.strip()) <= 12:
            names = [line.strip()]  # 惠州监管分局 under its central body's line
        if not names:
            break
        if out and names[-1] in NATIONAL_BODIES and is_branch(out[0]):
            out[0] = names.pop() + out[0]
        out = names + out
    return [x for x in out if not is_branch(x) or x.startswith(tuple(NATIONAL_BODIES)) or _signature_name(x)]


def is_issuer_name(s: str) -> bool:
    """A name an issuer can have: a central body, a name with a body's suffix, or a central body's
    local office (中国人民银行营业管理部, 国家税务总局沈阳市税务局).

    >>> is_issuer_name("中国人民银行营业管理部"), is_issuer_name("许昌市财政局"), is_issuer_name("营业管理部")
    (True, True, False)
    """
    if slot_rejection(s) not in (None, "name:no-suffix"):
        return False  # 责任部门, [省发展改革委, 。市财政局: the words around a name, not one
    return s in NATIONAL_BODIES or bool(suffix_of(s)) or bool(_NATIONAL_AT.match(s) and _ENDS.search(s))


def _signature_name(s: str) -> bool:
    if len(s) > 30:
        return False
    if _NATIONAL_AT.match(s) and _ENDS.search(s):
        return True
    return bool(suffix_of(s)) and (free_ok(s) or s in NATIONAL_BODIES or len(s) >= 5)


def reported_issuers(text: str, window: int = 400) -> list[str]:
    """The issuers a page reporting the document names in its lead sentence.

    >>> reported_issuers("据央行2月24日消息,中国人民银行、中国银保监会发布关于《意见》的通知。")
    ['中国人民银行', '中国银保监会']
    >>> reported_issuers("2022年3月31日,市住房城乡建设局、市财政局等7部门联合印发《措施》。")
    ['市住房城乡建设局', '市财政局']
    >>> reported_issuers("许昌市政府印发通知,要求各县加快建设。"), reported_issuers("为贯彻落实省委部署,现通知如下")
    (['许昌市政府'], [])
    >>> reported_issuers("据微信公众号“大连发布”,为促进市场平稳,大连市住房保障服务中心发布《关于支持购房的通知》。")
    ['大连市住房保障服务中心']
    >>> reported_issuers("据消息,宁南县发布《宁南县人民政府办公室关于印发若干措施的通知》,涉及18项措施。")
    ['宁南县人民政府办公室']
    >>> reported_issuers("7月10日市公积金中心发布《关于实施人才贷款支持政策的通知》。")
    ['市公积金中心']
    >>> reported_issuers("市政府新闻办公室召开购房优惠券新闻发布会,邀请了烟台市住房和城乡建设局党组成员介绍有关情况。")
    ['烟台市住房和城乡建设局']
    """
    for sentence in [x for x in re.split(r"[。\n]", text[:window]) if x.strip()][:4]:
        sentence = re.sub(r"^【[^】]{1,12}】", "", sentence)
        lead = _REPORT_LEAD.match(sentence)
        rest = sentence[lead.end():] if lead else sentence
        for verb in _REPORT_VERB.finditer(rest, 0, 120):  # the account's name (某市发布) may come first
            names = _invited(rest[verb.end():]) or _named_before(rest[:verb.start()]) or _issuers_of_quoted(rest[verb.end():])
            if names:
                return names
    return []


def _invited(after: str) -> list[str]:
    """A press conference that invites the body presenting the policy: 召开…新闻发布会,邀请了X局党组成员…
    -- the policy is that body's, not the news office's."""
    m = _INVITED.search(after, 0, 120)
    if not m:
        return []
    name = next((x.text for x in find_mentions(after[m.end():m.end() + 40])), None)
    return [name] if name and free_ok(name) else []


def _named_before(clause: str) -> list[str]:
    """The bodies that end the clause before a reporting verb (after its last comma), without the
    words between them and the verb (近日, 于…日, 正式), an abbreviation they define, or 联合 between them.

    >>> _named_before("贵州省遵义市人民政府办公室近日"), _named_before("亳州市住房公积金管理委员会(以下简称“市公积金管委会”)")
    (['贵州省遵义市人民政府办公室'], ['亳州市住房公积金管理委员会'])
    >>> _named_before("人民银行福州中心支行联合福建银保监局")
    ['人民银行福州中心支行', '福建银保监局']
    """
    clause = _ABBREVIATION.sub("", clause.rsplit(",", 1)[-1].strip())
    clause = _AFTER_SUBJECT.sub("", clause).replace("联合", "、")
    names = [n for n in split_issuers(_ETC.sub("", clause)) if slot_rejection(n) != "name:generic"]  # 联合有关部门
    ok = names and all((free_ok(n) or n in NATIONAL_BODIES) and not _SEVERAL.search(n) for n in names)
    return names if ok else []


_ETC = re.compile(r"等(?:有关|相关)?(?:[\d一二三四五六七八九十]+个?)?(?:部门|单位)?$")
_SEVERAL = re.compile(r"[多各诸数几]部门$")  # 沈阳多部门: no body's name
_ABBREVIATION = re.compile(r"\(以下(?:简称|称)[^()]{0,20}\)")
_AFTER_SUBJECT = re.compile(alternation(REPORT_ADVERBS, "于[^,。]{2,16}?日", "在[^,。]{2,16}?上") + "+$")


def _issuers_of_quoted(after: str) -> list[str]:
    """某县发布《某县人民政府办公室关于…的通知》: the issuers the quoted title starts with."""
    m = re.match(r"\s*《([^《》]{4,120})》", after)
    names = issuers_in_title(m.group(1)) if m else []
    return [n for n in names if free_ok(n)]


def speaking_body(text: str, window: int = 300) -> list[str]:
    """A news page without a document: the body whose spokesperson or head is quoted.

    >>> speaking_body("新华社北京7月27日电 住房和城乡建设部部长倪虹在座谈会上说,要继续巩固…")
    ['住房和城乡建设部']
    """
    if not _SPEAKER_WORD.search(text, 0, window):
        return []
    for m in _SPEAKER.finditer(text[:window]):
        for body in (m.group("body")[i:] for i in range(len(m.group("body")) - 1)):
            if body in NATIONAL_BODIES or free_ok(body):
                return [body]
    return []


def formal_name(issuer: str) -> str:
    """An abbreviated national body by its formal name (住建部 -> 住房和城乡建设部); a full name as printed.

    >>> formal_name("住建部"), formal_name("住房城乡建设部"), formal_name("许昌市人民政府")
    ('住房和城乡建设部', '住房城乡建设部', '许昌市人民政府')
    >>> formal_name("人民银行福州中心支行")
    '中国人民银行福州中心支行'

    """
    if issuer.startswith("人民银行") and len(issuer) > 4:
        return "中国" + issuer  # 人民银行福州中心支行: the central bank's branch by its formal name
    return NATIONAL_BODIES.get(issuer, issuer) if _ABBREVIATED.match(issuer) else issuer
