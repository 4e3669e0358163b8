"""What the reads built in Python share: RETURN lists of schema properties, optional filters as
fixed fragments chosen by which parameters were given, and paged listings (a count, or one page).
"""
from __future__ import annotations

from typing import Callable

from ...graph import schema
from ...graph.readform import Param

# every paged listing takes these: the count instead of a page, and the page
PAGE = [Param("count", "bool", default=False, required=False, description="the number of matches instead of a page"),
        Param("offset", "int", default=0, required=False, description="rows to skip"),
        Param("limit", "int", default=50, required=False, description="rows of the page")]


def cols(var: str, lbl: str, fields: tuple[str, ...], prefix: str = "") -> str:
    """A RETURN list of schema properties.

    >>> cols("a", "Agency", ("key", "name"))
    'a.key AS key, a.name AS name'
    """
    return ", ".join(f"{var}.{schema.prop(lbl, f)} AS {prefix}{f}" for f in fields)


def given(p: dict, *parts: tuple[str, str]) -> list[str]:
    """The fixed condition fragments whose parameter was given (non-empty).

    >>> given({"level": "city", "unit": None}, ("d.level = $level", "level"), ("d.unit = $unit", "unit"))
    ['d.level = $level']
    """
    return [cond for cond, name in parts if p.get(name)]


def where(parts: list[str]) -> str:
    return (" WHERE " + " AND ".join(parts)) if parts else ""


def listing(head: str | Callable[[dict], str], conds: Callable[[dict], list[str]],
            order: str | Callable[[dict], str], ret: str, var: str) -> Callable[[dict], str]:
    """The builder of a paged listing: ``head WHERE conds`` counted (``count``), or one page
    ordered by ``order`` (a WITH list) from ``$offset``, ``$limit`` rows, returning ``ret``."""
    def build(p: dict) -> str:
        h = head(p) if callable(head) else head
        if p.get("count"):
            return f"{h}{where(conds(p))} RETURN count({var}) AS n"
        o = order(p) if callable(order) else order
        return f"{h}{where(conds(p))} WITH {o} SKIP $offset LIMIT $limit {ret}"
    return build
