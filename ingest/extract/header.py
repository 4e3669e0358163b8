"""The document itself: title, own number (文号), issuers, signing date, region, level and
the numbers it cites -- a composition of :mod:`.title`, :mod:`.issuer` and :mod:`.region`.

An official document announces itself in a fixed order -- number, title (``X关于…的通知``),
addressees ending in ``:``, body, signature, date -- and pages add metadata lines.  The own
number is the one in the header (before the addressees, or in parentheses right after the
title); every other number is a citation.  What neither the text nor the metadata says
(the region of a city notice that never names its city) stays empty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.bodies import CORE_RE, FULL_NAME, FUNCTION_OF_CORE, NATIONAL_BODIES
from ...vocab.patterns import DATE_CN, DATE_DIGITS, DATE_ISO, find_docnos, parse_date
from ...vocab.places import MUNICIPALITIES
from ...vocab.words import alternation
from .issuer import (formal_name, is_issuer_name, issuers_above, issuers_in_title, reported_issuers, speaking_body,
                     split_issuers)
from .lists import split_names
from .names import GENERIC_ONLY, slot_rejection, suffix_of
from .region import level_of_text, region_of, region_of_meta, region_of_mentions, region_of_number
from .registry import Region
from .title import find_title

ADDRESSEE = re.compile(r"^\s*(?:各|[\u3400-\u9fff()、,]{0,40}(?:人民政府|政府|部门|单位|管委会|厅|局|委)).{0,160}:\s*$")
_SIGNED = re.compile(r"(?:印发|发布|签发|发)$")
_BARE_LEVEL = re.compile(r"^(?:省|市|区|县|自治区|州)(?=[\u3400-\u9fff])")


@dataclass
class Header:
    title: str | None = None
    title_span: tuple[int, int] | None = None
    title_rule: str | None = None
    doc_number: str | None = None
    doc_number_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuers: list[str] = field(default_factory=list)  # every issuer of a joint notice, the lead first
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
        return {"title": self.title, "doc_number": self.doc_number, "issuer": self.issuer, "issuers": self.issuers,
                "date": self.date, "region": self.region.as_dict(), "level": self.level, "cites": self.cites}


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield line, pos
        pos += len(line) + 1


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


def find_addressee(text: str) -> int | None:
    """Where the addressee line starts: the first line near the top that names bodies and ends in ``:``."""
    for line, pos in _lines(text[:3000]):
        if pos < 2500 and ADDRESSEE.match(line) and is_addressee_line(line):
            return pos
    return None


def _numbered(line: str, above: str) -> bool:
    return bool(next(find_docnos(line), None) or (above.rstrip().endswith("号") and next(find_docnos(above), None)))


def find_signature_date(text: str, body_start: int) -> tuple[str, int, str] | None:
    """``(iso, line start, issuer on that line)``: the signing date, a line that holds only a
    date (after an optional issuer)."""
    prev = ""
    for line, pos in _lines(text):
        above, prev = prev, (line if line.strip() else prev)
        if pos < body_start and not (pos + len(line) <= body_start and _numbered(line, above)):
            continue  # in the header, only a line with the number (or the line under it) may carry the date
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
        rest = _SIGNED.sub("", (s[:m.start()] + s[m.end():]).strip())  # 2022年8月5日印发
        for _, a, b in find_docnos(rest):  # 川府发〔2011〕8号 二○一一年三月十七日
            rest = (rest[:a] + rest[b:]).strip()
            break
        if rest and not (suffix_of(rest) or rest in ("(", ")", "()")):
            continue
        iso = parse_date(m.group(0))
        if iso:
            return iso, pos, rest
    return None


def _own_number(text: str, h: Header, meta: dict) -> None:
    """The own number (page metadata, else one in the header zone); every other is cited."""
    docnos = list(find_docnos(text))
    own = meta.get("doc_number")
    if not own:
        header_end = h.body_start if h.body_start else min(len(text), 400)
        if h.title_span:
            header_end = max(header_end, h.title_span[1] + 30)
        for norm, a, b in docnos:
            if a < header_end and not re.search(r"》\s*\(?\s*$|根据|按照|依据|转发", text[max(0, a - 30):a][-8:]):
                own, h.doc_number_span = norm, (a, b)
                break
    h.doc_number = own
    seen = {own} if own else set()
    for norm, a, b in docnos:
        if norm not in seen:
            seen.add(norm)
            h.cites.append(norm)
            h.cite_spans.append((norm, a, b))


def _issuers(text: str, h: Header, meta: dict, sig) -> None:
    """The issuers: the title's, the signature's, the page's, the reported ones."""
    found, rule = [], None
    if h.title and h.title_rule == "title:heading":
        found, rule = issuers_in_title(h.title), "issuer:title"
    if sig and not (sig[2] and suffix_of(sig[2])):
        below = issuers_above(text, sig[1])
        if not found or (len(below) > len(found) and found[0] in below):  # X等九部门关于…: all nine sign
            found, rule = below, "issuer:signature"
    if not found and sig and sig[2] and suffix_of(sig[2]):
        found, rule = [sig[2]], "issuer:signature"
    for key, r in (("issuer", "page-metadata"), ("issuers", "page-metadata"), ("tag", "page-metadata")):
        if not found and meta.get(key):
            found, rule = [x for x in split_issuers(meta[key]) if x in NATIONAL_BODIES or region_of(x)], r
    if not found:
        found, rule = reported_issuers(text), "issuer:reported"
    if not found:
        found, rule = speaking_body(text), "issuer:speaker"
    h.issuers = [formal_name(x) for x in found if is_issuer_name(x)]
    h.issuer = h.issuers[0] if h.issuers else None
    h.issuer_rule = rule if h.issuer else None


# a manifest's region for a national document, and an addressee line only a national document has
NATIONWIDE = ("全国", "中国", "国家", "中央")
_ALL_PROVINCES = re.compile(r"各省、自治区、直辖市|各省\(自治区、直辖市\)|各省\(区、市\)|国务院各部委")


def _nationwide(text: str, meta: dict) -> bool:
    """The manifest says 全国, or an addressee line above the first sentence addresses every
    province (各省、自治区、直辖市人民政府, 中国人民银行上海总部,各省、自治区、直辖市、计划单列市分行:).

    >>> _nationwide("各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\\n现通知如下。", {})
    True
    >>> _nationwide("各省辖市人民政府:\\n按照《国务院办公厅关于X的通知》(国办发〔2021〕22号,各省、自治区、直辖市)。", {})
    False
    """
    if (meta.get("region") or "").strip() in NATIONWIDE:
        return True
    for line in text[:800].split("\n"):
        if line.rstrip().endswith(":") and _ALL_PROVINCES.search(line):
            return True
        if "。" in line:
            return False
    return False


def _region(text: str, h: Header, meta: dict) -> Region | None:
    if _nationwide(text, meta):
        h.region_rule = "region:nationwide"
        return Region()
    given = meta.get("region")
    for find, rule in ((lambda: given and region_of_meta(given), "metadata"),
                       (lambda: h.issuer and region_of(h.issuer), "region:issuer"),
                       (lambda: h.title and region_of(h.title), "region:title"),
                       (lambda: meta.get("tag") and region_of(meta["tag"]), "page-metadata"),
                       (lambda: region_of_mentions(text), "region:mentions"),
                       (lambda: region_of_number(h.doc_number), "region:doc-number")):
        source = find()  # the strongest evidence first; the scan of the text only when needed
        if source:
            h.region_rule = rule
            if source.province in MUNICIPALITIES and source.county is None:
                source = Region(source.province)
            return source
    return None


def _with_place(issuer: str, region: Region) -> str:
    """An issuer named by its level only gets its place: 区人民政府办公室 of a 蔡甸区 document is
    蔡甸区人民政府办公室, 市政府 of a 邓州市 (county-level city) document is 邓州市人民政府.

    >>> _with_place("区人民政府办公室", Region("湖北省", "武汉市", "蔡甸区")), _with_place("市政府", Region("河南省", "南阳市", "邓州市"))
    ('蔡甸区人民政府办公室', '邓州市人民政府')
    >>> _with_place("市住房城乡建设局", Region("四川省", "遂宁市")), _with_place("广东省东莞市住房和城乡建设局", Region("广东省"))
    ('遂宁市住房和城乡建设局', '东莞市住房和城乡建设局')
    """
    lead = region_of(issuer)
    if lead and lead.city and issuer.startswith(lead.province or "~") and not issuer.startswith(lead.city):
        return issuer[len(lead.province):]  # 广东省东莞市住建局: the city's bureau
    m = _BARE_LEVEL.match(issuer)
    if not m:
        return issuer
    level_char = m.group(0)[-1]
    place = next((p for p in (region.county, region.city, region.province) if p and p.endswith(level_char)), None)
    if place is None:
        return issuer
    return place + _formal_body(issuer[m.end():], place == region.province and place not in MUNICIPALITIES)


def _formal_body(rest: str, provincial: bool) -> str:
    """市住房城乡建设局 -> 住房和城乡建设局: a department by the formal name of its function."""
    m = CORE_RE.search(rest)
    if m and re.fullmatch(r"(?:人民)?(?:政府)?", rest[:m.start()]) and m.end() == len(rest):
        return FULL_NAME[FUNCTION_OF_CORE[m.group(0)]][0 if provincial else 1]
    g = re.match(r"(?:人民)?政府", rest)
    return "人民政府" + rest[g.end():] if g else rest


_NATIONAL_NAMES = frozenset(NATIONAL_BODIES) | frozenset(NATIONAL_BODIES.values())
# 住房城乡建设部办公厅, 国务院办公厅: a national body's own office
_NATIONAL_LEAD = re.compile(alternation(("国务院", "中共中央", *_NATIONAL_NAMES))
                            + r"(?:办公厅|办公室|[\u3400-\u9fff]{0,8}司)?$")


def _level(text: str, h: Header, given: bool) -> str | None:
    if h.region_rule == "region:nationwide":
        return "national"
    if h.issuer and (h.issuer in _NATIONAL_NAMES or _NATIONAL_LEAD.match(h.issuer)) and not region_of(h.issuer):
        if not given:
            h.region = Region()
        return "national"
    level = h.region.level
    if h.region.county is None and h.region_rule != "metadata" and not (h.issuer and region_of(h.issuer)):
        said = level_of_text(text)
        if said == "county" or (said == "city" and level == "province" and not h.region.province in MUNICIPALITIES):
            return said
    return level


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
    start = find_addressee(text)
    h.body_start, h.addressee = (start, True) if start is not None else (0, False)
    t = find_title(text)
    if t:
        h.title, h.title_span, h.title_rule = t[0], (t[1], t[2]), t[3]
    elif meta.get("title"):
        h.title, h.title_rule = meta["title"], "page-metadata"
    _own_number(text, h, meta)
    sig = find_signature_date(text, h.body_start)
    _issuers(text, h, meta, sig)
    h.date, h.date_rule = _date(sig, meta)
    h.region = _region(text, h, meta) or Region()
    if h.issuer:
        h.issuers = [_with_place(x, h.region) for x in h.issuers]
        h.issuer = h.issuers[0]
    elif h.region.name and h.title and h.title.startswith(h.region.name) and "关于" not in h.title:
        h.issuer, h.issuers, h.issuer_rule = h.region.name + "人民政府", [h.region.name + "人民政府"], "issuer:title-region"
    h.level = _level(text, h, bool(meta.get("region")))
    return h


def _date(sig, meta: dict) -> tuple[str | None, str | None]:
    """The signature date, else the metadata's signing date, else a given or published date."""
    if sig:
        return sig[0], "date:signature"
    for key, rule in (("date_signed", "page-metadata"), ("date", "metadata"), ("date_published", "page-metadata")):
        if meta.get(key):
            return parse_date(str(meta[key])) or str(meta[key]), rule
    return None, None
