"""Canonical agencies: the surface forms of one body in one document merged into one agency.

A department's *function* (发展改革, 住房城乡建设 …) is what stays the same across spellings,
so 市发改委, 市发展改革委 and 许昌市发展和改革委员会 resolve to one key ``许昌市|发展和改革委员会``
in a 许昌市 document; a form's region prefix (省/市/县) places it in the document's region.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...vocab.bodies import CORE_RE, FULL_NAME, FUNCTION_OF_CORE, NATIONAL_BODIES
from ...vocab.hierarchy import chain
from ...vocab.levels import LEVEL_OF_PREFIX
from ...vocab.places import MUNICIPALITIES, gazetteer
from ...vocab.words import alternation
from .mentions import Mention
from .names import COLLECTIVE_RE, place_prefix

_NATIONAL_OFFICE = re.compile("^(?P<body>" + alternation(NATIONAL_BODIES) + ")(?P<office>办公厅|办公室)$")


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




_TRAILING_ALTERNATIVES = re.compile(r"(?:\([^()]*\))+$")
_GOVERNMENT_END = re.compile(r"政府$")
_LEVEL_PREFIX = re.compile(r"(?:自治区|[省市县区州盟旗])")
_GOVERNMENT_LEAD = re.compile(r"(?:人民)?(?:政府)?")


def _collective_key(body: str) -> str:
    """各县(市、区), 各县(市、区)人民政府 and 各县(市、区)政府(管委会) are one collective."""
    key = _TRAILING_ALTERNATIVES.sub("", body.replace("人民政府", "政府"))
    key = _GOVERNMENT_END.sub("", key)
    return _TRAILING_ALTERNATIVES.sub("", key) or body


def _with_level(text: str, place: str, p) -> str:
    """The place as ``text`` writes it, with its level character after a short name (黔南州人民政府)."""
    if len(text) > len(place) + 1 and text[len(place)] == p.name[-1] and place != p.name:
        return text[:len(place) + 1]
    return place


def _place_below(rest: str, p):
    """The place ``rest`` starts with when it lies under ``p`` (the district of 上海市黄浦区人民政府),
    else None: a body's region is the last place of the chain its name opens with.

    >>> from ...vocab.places import gazetteer
    >>> _place_below("黄浦区人民政府", gazetteer().lookup("上海市")).name, _place_below("人民政府", gazetteer().lookup("上海市"))
    ('黄浦区', None)
    """
    place = place_prefix(rest)
    q = gazetteer().lookup(place, prefer_province=p.province) if place else None
    if q is None or q.province != p.province or q.name == p.name or p.name not in chain(q.name, q.province)[1:]:
        return None
    return q


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
        if form in NATIONAL_BODIES and not inherit_prefix:  # 省商务厅、发展改革委: the province's
            name = NATIONAL_BODIES[form]
            return f"中国|{name}", name, "中国", "national", False, None
        office = _NATIONAL_OFFICE.match(form)
        if office and not inherit_prefix:  # 中国人民银行办公厅: a central body's own office signs joint notices
            name = NATIONAL_BODIES[office.group("body")] + office.group("office")
            return f"中国|{name}", name, "中国", "national", False, None
        text = form
        region_name, level, province = r.name, r.level, r.province
        prefix = ""
        place = place_prefix(text)
        if place and not text.startswith(("省", "市", "县", "区")):
            p = gazetteer().lookup(place, prefer_province=r.province)
            if p is not None:
                prefix = _with_level(text, place, p)
                while (below := _place_below(text[len(prefix):], p)) is not None:  # 上海市黄浦区人民政府
                    prefix, p = prefix + _with_level(text[len(prefix):], place_prefix(text[len(prefix):]), below), below
                region_name, level, province = p.name, p.level, p.province
        elif (ch := _LEVEL_PREFIX.match(text)) or inherit_prefix:
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
        body_key = _collective_key(body) if collective else body
        fn = None
        m = CORE_RE.search(body)
        if m and not collective and _GOVERNMENT_LEAD.fullmatch(body, 0, m.start()):
            fn = FUNCTION_OF_CORE[m.group(0)]
        if fn:
            # a municipality's departments are named like a city's (局, 委), not like a province's (厅)
            full = FULL_NAME[fn][0 if level == "province" and region_name not in MUNICIPALITIES else 1]
            name = (region_name or prefix) + full
            key_body = full
        else:
            name = (region_name + body) if (prefix and region_name and not collective) else (
                form if not prefix or collective else (region_name or prefix) + body)
            key_body = body_key.removeprefix("各") if collective else body
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
            if agency.region and form.startswith(agency.region) and agency.name not in agency.aliases[:-1] \
                    and not agency.collective:
                agency.name = form  # the full name the document prints beats one made from the function
        self.by_form.setdefault(form, agency)
        agency.mentions.append(Mention(form, start, end, rule))
        return agency

    def agencies(self) -> list[Agency]:
        return list(self.by_key.values())
