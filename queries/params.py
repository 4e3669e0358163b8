"""Parameter checking: a value (often text from the command line or a URL) as its parameter's
type, and the full typed parameter dict of a call (:func:`bind`; unknown and missing names are
refused, naming the parameter).  The plain types are checked by
:func:`policykg.graph.readform.plain_value`; the types that need the vocabulary are here.
"""
from __future__ import annotations

import re
from typing import Any

from ..graph import readform
from ..graph.readform import Param, Read
from .anchors import UNDER, agency_forms, region_name, regions_under, tool_name


def typed(p: Param, value: Any) -> Any:
    """``value`` as the parameter's type, or a ValueError/TypeError saying what was expected."""
    if p.type not in ("region", "agency", "date", "tool"):
        return readform.plain_value(p, value)
    if not isinstance(value, str):
        raise ValueError("expected text")
    if p.type == "tool":
        return tool_name(value)
    if p.type == "date":
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError("expected a date YYYY-MM-DD")
        return value.strip()
    if p.type == "region":
        return region_name(value)
    if not value.strip() and p.required:  # "" (no agency) is allowed only where the parameter is optional
        raise ValueError("expected an agency key, name or alias")
    return agency_forms(value)


def coerce(p: Param, value: Any) -> Any:
    """A value as the parameter's type, or a ParameterError naming the parameter.

    >>> coerce(Param("region", "region"), "许昌"), coerce(Param("n", "int"), "3")
    ('许昌市', 3)
    """
    return readform.checked(p, value, typed)


def bind(query: Read, params: dict | None) -> dict:
    """The full, typed parameter dict for a call: unknown and missing names are refused.  Each
    region parameter ``x`` comes with ``x_under``: the region and the regions under it
    (:func:`~.anchors.regions_under`), which a filter meaning "in this region" compares with.

    >>> from policykg.graph.readform import Param, Read
    >>> bind(Read("q", "d", [Param("region", "region")]), {"region": "许昌"})["region_under"][:2]
    ['许昌市', '建安区']
    """
    out = readform.bind(query, params, typed)
    for p in query.params:
        if p.type == "region":
            out[p.name + UNDER] = regions_under(out[p.name] or "")
    return out
