"""Resolution of what users type: an agency name to every form it may be stored under
(:func:`agency_forms`), a short region name to the full one (:func:`region_name`), a tool name
(:func:`tool_name`); and the anchor reads, which turn an ``anchor:`` parameter of a query into
the keys of the agencies, tasks or documents it denotes before the query runs once per key
(:func:`combinations`; :mod:`.runner` runs them).
"""
from __future__ import annotations

import itertools
import re
import unicodedata

from ..errors import ParameterError
from ..graph.readform import Param, Read
from ..vocab.bodies import CORE_RE, FULL_NAME, FUNCTION_OF_CORE, FUNCTIONS
from ..vocab.hierarchy import NATIONAL_NAMES, children
from ..vocab.instruments import TOOLS
from ..vocab.levels import LEVEL_OF_PREFIX, NATIONAL_REGION
from ..vocab.places import gazetteer
from .declare import anchor_region


def _nfkc(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def agency_forms(text: str) -> list[str]:
    """Every form under which the body a user typed may be stored, sorted.

    The typed text itself (a key, a canonical name or a surface form), the same body under the
    other spellings of its function (省发改委 = 省发展改革委 = 省发展和改革委员会), and
    ``fn:LEVEL:FUNCTION`` (prefix 省/市/县/区) or ``fn:FUNCTION`` (no prefix), which the queries
    compare with the agency's level and function code, so 省发改委 finds a provincial
    development-and-reform commission however its documents spelled it.

    >>> forms = agency_forms(" 省发改委")
    >>> "省发展改革委" in forms and "省发展和改革委员会" in forms and "fn:province:发展改革" in forms
    True
    >>> agency_forms("河南省|发展和改革委员会")
    ['河南省|发展和改革委员会']
    >>> "河南省发展和改革委员会" in agency_forms("河南省发改委")
    True
    """
    raw = text.strip()
    s = _nfkc(raw)
    if not s:
        return []
    forms = {raw, s}
    m = CORE_RE.search(s)
    if m and "|" not in s:
        fn, prefix = FUNCTION_OF_CORE[m.group(0)], s[:m.start()]
        cores = next(c for f, c, _, _ in FUNCTIONS if f == fn)
        forms.update(prefix + c for c in cores + list(FULL_NAME[fn]))
        if prefix in LEVEL_OF_PREFIX:
            forms.add(f"fn:{LEVEL_OF_PREFIX[prefix]}:{fn}")
        elif prefix == "":
            forms.add(f"fn:{fn}")
    return sorted(forms)


_REGION_SUFFIX = re.compile(r"(?:省|市|县|区|州|盟|旗|自治区)$")


def region_name(text: str) -> str:
    """A region as stored: short names (河南, 许昌) become full names through the gazetteer.

    >>> region_name("许昌市"), region_name(""), region_name("全国")
    ('许昌市', '', '中国')
    """
    s = _nfkc(text)
    if s in NATIONAL_NAMES:
        return NATIONAL_REGION
    if not s or _REGION_SUFFIX.search(s):
        return s
    place = gazetteer().lookup(s)
    return place.name if place else s


UNDER = "_under"  # a region parameter x also reaches Cypher as $x_under (regions_under)


def regions_under(region: str) -> list[str]:
    """A region and every region under it, by the hierarchy of ``vocab/`` (a province's cities and
    counties, a city's counties), the region first.

    >>> regions_under("许昌市")
    ['许昌市', '建安区', '禹州市', '襄城县', '鄢陵县', '长葛市', '魏都区']
    >>> len(regions_under("河南省")) > 150, regions_under("西工区"), regions_under("")
    (True, ['西工区'], [])
    """
    if not region:
        return []
    out, todo = [region], [region]
    while todo:
        for c in children(todo.pop()):
            if c not in out:
                out.append(c)
                todo.append(c)
    return out


def tool_name(text: str) -> str:
    """A policy instrument as stored (the manual's tool name), or a ValueError listing the 16.

    >>> tool_name(" 资金投入 ")
    '资金投入'
    >>> tool_name("补贴")
    Traceback (most recent call last):
    ...
    ValueError: not a tool; valid: 人才培养, 资金投入, 科技信息支持, 基础设施建设, 公共服务, 目标规划, 金融支持, 税收优惠, 法规管制, 策略性措施, 政府采购, 服务外包, 贸易管制, 海外交流, 示范推广, 消费补贴
    """
    s = _nfkc(text)
    if s not in TOOLS:
        raise ValueError(f"not a tool; valid: {', '.join(TOOLS)}")
    return s


# the agencies a typed name denotes (the same test every agency-typed query makes)
ANCHOR_LOOKUP = """
MATCH (a:Agency)
WHERE $region = '' OR a.region IN $region_under OR a.province IN $region_under
WITH a, $forms AS forms
WHERE a.key IN forms OR a.name IN forms OR any(f IN a.aliases WHERE f IN forms)
   OR ('fn:' + a.level + ':' + a.function) IN forms OR ('fn:' + a.function) IN forms
RETURN a.key AS key ORDER BY key
"""
# a typed key (region|name) is looked up by key: the forms test above scans every agency
ANCHOR_BY_KEY = """
MATCH (a:Agency {key: $key})
WHERE $region = '' OR a.region IN $region_under OR a.province IN $region_under
RETURN a.key AS key
"""
# a task parameter: its key (an index seek), else a fragment of the text (one scan of the tasks)
TASK_REGION = ("($region = '' OR t.region IN $region_under OR EXISTS { MATCH (t)-[:PART_OF]->(d:Document) "
               "WHERE d.province IN $region_under })")
TASK_BY_KEY = f"MATCH (t:Task {{key: $task}}) WHERE {TASK_REGION} RETURN t.key AS key"
TASK_BY_TEXT = f"MATCH (t:Task) WHERE t.text CONTAINS $task AND {TASK_REGION} RETURN t.key AS key ORDER BY key"
DOCUMENT_BY_ANY = ("MATCH (s:Document) WHERE s.key = $document OR s.doc_number = $document OR "
                   "($document <> '' AND s.title CONTAINS $document) RETURN s.key AS key ORDER BY key")
MAX_ANCHOR_PAIRS = 200  # ends of a path search: each pair is a search of its own
MAX_ANCHOR_KEYS = 2000  # agencies of a one-anchor query: each is a few index hops

_REGION = Param("region", "region", default="", required=False,
                description="the region and every region under it (\"\" = any)")
READS = [
    Read("anchor_agencies", "The keys of the agencies whose key, name, alias or function code is one of the forms",
         [Param("forms", "list", description="agency_forms() of what was typed"), _REGION], ANCHOR_LOOKUP,
         __name__, internal=True),
    Read("anchor_agency_key", "The agency of that key (an index seek)",
         [Param("key", "string", description="an agency key, region|name"), _REGION], ANCHOR_BY_KEY,
         __name__, internal=True),
    Read("anchor_task_key", "The task of that key (an index seek)",
         [Param("task", "string", description="a task key"), _REGION],
         TASK_BY_KEY, __name__, internal=True),
    Read("anchor_task_text", "The tasks whose text holds a fragment",
         [Param("task", "string", description="a fragment of a task's text"), _REGION],
         TASK_BY_TEXT, __name__, internal=True),
    Read("anchor_documents", "The documents of that key, 文号, or with that fragment in their title",
         [Param("document", "string", description="a key, 文号 or part of a title")], DOCUMENT_BY_ANY,
         __name__, internal=True),
]


def combinations(query: Read, keys: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """The combinations of anchor keys a query runs for (no key twice in one), or a
    ParameterError naming the filters that narrow them when there are too many."""
    combos = [c for c in itertools.product(*(keys[a] for a in query.anchors)) if len(set(c)) == len(c)]
    if len(combos) > (MAX_ANCHOR_PAIRS if len(query.anchors) > 1 else MAX_ANCHOR_KEYS):
        kinds = {"task": "tasks", "document": "documents"}
        sizes = ", ".join(f"{a} matches {len(keys[a])} {kinds.get(a, 'agencies')}" for a in query.anchors)
        filters = [anchor_region(a, [p.name for p in query.params]) or a for a in query.anchors]
        raise ParameterError(f"query {query.name!r}: {sizes}; narrow them with {', '.join(filters)}",
                             parameter=query.anchors[0])
    return combos
