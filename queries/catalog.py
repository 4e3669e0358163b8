"""The catalog of named reads: every read the analysts, the API and the views run, declared in
one form (:class:`~policykg.graph.readform.Read`) and found by name.

Two sources, one form: the ``.cypher`` files of this folder (the analysts' named queries, read
by :mod:`.declare`) and the reads built in Python (:mod:`.reads`: lookups, search, document
facts, regions, the views' subgraphs; :mod:`.anchors`: resolving what a user typed), which are
``internal``: the API and the views use them, ``policykg query --list`` marks them so.
:func:`policykg.queries.runner.run` runs any of them.  The graph layer's own maintenance reads
(:mod:`policykg.graph.statements`) are declared in the same form and listed with the rest
(:func:`listing`), but run inside the graph layer.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

from ..errors import UnknownQueryError
from ..graph import statements
from ..graph.readform import Read
from . import anchors, reads
from .declare import parse_query

QUERY_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _load() -> dict[str, Read]:
    out: dict[str, Read] = {}
    files = [parse_query(p.read_text(encoding="utf-8"), str(p)) for p in sorted(QUERY_DIR.glob("*.cypher"))]
    for q in [*files, *anchors.READS, *reads.ALL]:
        if q.name in out:
            raise ValueError(f"{q.path}: query name {q.name!r} is used twice")
        out[q.name] = q
    return dict(sorted(out.items()))


def all_queries() -> list[Read]:
    """Every analysts' named query (the ``.cypher`` files), sorted by name."""
    return [q for q in _load().values() if not q.internal]


def entries() -> list[Read]:
    """Every read of the catalog, the internal ones included, sorted by name."""
    return list(_load().values())


def listing() -> list[tuple[str, Read]]:
    """(kind, read) for ``policykg query --list``: ``query`` (an analysts' named query),
    ``internal`` (a read of the API and the views), ``graph`` (finalize's and the loader's)."""
    return ([("internal" if q.internal else "query", q) for q in entries()]
            + [("graph", q) for q in sorted(statements.READS.values(), key=lambda q: q.name)])


def get(name: str, internal: bool = True) -> Read:
    """The read of that name (an analysts' query only, unless ``internal``), or
    :class:`UnknownQueryError` suggesting close names."""
    queries = _load()
    if name in queries and (internal or not queries[name].internal):
        return queries[name]
    names = [q.name for q in all_queries()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    close += [q for q in names if name and (name in q or q in name) and q not in close]
    hint = f"did you mean {', '.join(close)}?" if close else f"known queries: {', '.join(names)}"
    raise UnknownQueryError(f"no query named {name!r}; {hint}", query=name, suggestions=close)
