"""The query library's front: the names callers use, each living in the module of its role --

- :mod:`.declare` and :mod:`.catalog`: the declaration form read from ``.cypher`` files and the
  catalog of every named read (``get``, ``all_queries``);
- :mod:`.params`: parameter checking (``bind``, ``coerce``);
- :mod:`.runner`: running a read (``run``, the one function every read goes through);
- :mod:`.anchors`: resolving agency, region and tool names and anchor parameters.
"""
from __future__ import annotations

from ..graph.readform import Param, named_parameters
from .anchors import ANCHOR_LOOKUP, agency_forms, region_name, tool_name
from .catalog import QUERY_DIR, all_queries, entries, get
from .declare import Query, anchor_region, parse_param, parse_query
from .params import bind, coerce
from .runner import agencies_named, documents_named, run, tasks_named

__all__ = ["ANCHOR_LOOKUP", "QUERY_DIR", "Param", "Query", "agencies_named", "agency_forms", "all_queries",
           "anchor_region", "bind", "coerce", "documents_named", "entries", "get", "named_parameters",
           "parse_param", "parse_query", "region_name", "run", "tasks_named", "tool_name"]
