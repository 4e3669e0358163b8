"""The one form every named read is declared in: a name, a description, typed parameters, and
either a Cypher text or a Python builder that yields one -- values always as ``$parameters``,
labels and relationship types only from :mod:`.schema`.

It lives in the graph layer, the lowest that runs reads, because two catalogs use it: the
analysts' and the API's reads (``queries/``, listed by ``policykg query --list``) and the graph
layer's own maintenance reads (:mod:`.statements`, what finalize and the loader read), which may
not import ``queries/`` (dependencies run api/viz -> queries -> graph).  Parameter checking of the
plain types is here too (:func:`bind`); ``queries/`` adds the types that need the vocabulary's
lookups (region, agency, tool, date).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import ParameterError
from . import schema

# label and reltype parameters name a schema label or type: the builder writes them into the text
STRUCTURAL = ("label", "reltype")
TYPES = ("string", "int", "float", "bool", "date", "region", "agency", "tool", "list", *STRUCTURAL)

# strings and comments, whose $words are not parameters
_NOT_CODE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_PARAM_REF = re.compile(r"\$(\w+)")


@dataclass
class Param:
    name: str
    type: str
    example: Any = None
    default: Any = None
    required: bool = True
    description: str = ""


@dataclass
class Read:
    """One named read.  ``cypher`` is its text (``dialects``: replacements on one store), or
    ``build`` makes the text from the bound parameters (filters chosen in code, labels from the
    schema); ``internal`` reads serve the API, the views and the graph layer, the others are the
    analysts' named queries."""
    name: str
    description: str
    params: list[Param]
    cypher: str = ""
    path: str = ""
    dialects: dict[str, str] = field(default_factory=dict)
    unordered: tuple[str, ...] = ()
    sort: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    show: tuple[str, ...] = ()  # the columns a table shows by default (all when empty)
    build: Callable[[dict], str] | None = None
    internal: bool = False

    def text_for(self, dialect: str, bound: dict | None = None) -> str:
        """The Cypher this read runs on a store of the given dialect (built from ``bound``)."""
        if self.build is not None:
            return self.build(bound or {})
        return self.dialects.get(dialect, self.cypher)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def example_params(self) -> dict:
        """Parameters that make a sensible example call (examples, else defaults)."""
        return {p.name: (p.example if p.example is not None else p.default) for p in self.params
                if p.example is not None or not p.required}

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description,
                "params": [asdict(p) for p in self.params], "cypher": self.cypher,
                "dialects": dict(self.dialects), "path": Path(self.path).name}


def named_parameters(cypher: str) -> list[str]:
    """The ``$names`` a Cypher text uses (not those inside strings or comments), sorted.

    >>> named_parameters("MATCH (a {key: $key}) WHERE a.x = '$no' // $neither\\nRETURN $key, $y")
    ['key', 'y']
    """
    return sorted(set(_PARAM_REF.findall(_NOT_CODE.sub(" ", cypher))))


def plain_value(p: Param, value: Any) -> Any:
    """A value as a parameter of a plain type (string, int, float, bool, list, label, reltype).

    >>> plain_value(Param("n", "int"), "12"), plain_value(Param("l", "label"), "Task")
    (12, 'Task')
    >>> plain_value(Param("l", "label"), "Task) DETACH DELETE (x")
    Traceback (most recent call last):
    ...
    ValueError: not a label of the schema
    """
    if p.type == "string":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise ValueError("expected text")
        return value
    if p.type in STRUCTURAL:
        known = schema.NODES if p.type == "label" else schema.RELS
        if value not in known:
            raise ValueError(f"not a {'label' if p.type == 'label' else 'relationship type'} of the schema")
        return value
    if p.type == "list":
        if not isinstance(value, (list, tuple)):
            raise ValueError("expected a list")
        return list(value)
    if p.type == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "1", "yes", "false", "0", "no"):
            return value.strip().lower() in ("true", "1", "yes")
        raise ValueError("expected true or false")
    if isinstance(value, bool):
        raise ValueError(f"expected {'an integer' if p.type == 'int' else 'a number'}")
    if p.type == "int":
        if isinstance(value, float) and not value.is_integer():
            raise ValueError("expected an integer")
        return int(str(value).strip()) if isinstance(value, str) else int(value)
    if p.type == "float":
        return float(value)
    raise ValueError(f"unknown type {p.type}")


def checked(p: Param, value: Any, typed: Callable[[Param, Any], Any] = plain_value) -> Any:
    """``typed(p, value)``, its ValueError/TypeError as a ParameterError naming the parameter."""
    try:
        return typed(p, value)
    except (ValueError, TypeError) as e:
        raise ParameterError(f"parameter {p.name!r} ({p.type}): {value!r} is not valid: {e}",
                             parameter=p.name) from e


def bind(read: Read, params: dict | None, typed: Callable[[Param, Any], Any] = plain_value) -> dict:
    """The full, typed parameter dict for a call: unknown and missing names are refused.

    >>> r = Read("r", "d", [Param("key", "string"), Param("n", "int", default=5, required=False)])
    >>> bind(r, {"key": "k"})
    {'key': 'k', 'n': 5}
    >>> bind(r, {"key": "k", "x": 1})
    Traceback (most recent call last):
    ...
    policykg.errors.ParameterError: query 'r' has no parameter 'x' (its parameters: key, n)
    """
    params = dict(params or {})
    unknown = sorted(set(params) - {p.name for p in read.params})
    if unknown:
        known = ", ".join(p.name for p in read.params) or "none"
        raise ParameterError(f"query {read.name!r} has no parameter {unknown[0]!r} (its parameters: {known})",
                             parameter=unknown[0])
    out = {}
    for p in read.params:
        if p.name in params and params[p.name] is not None:
            out[p.name] = checked(p, params[p.name], typed)
        elif p.required:
            raise ParameterError(f"query {read.name!r} needs parameter {p.name!r} ({p.type}"
                                 f"{', e.g. ' + str(p.example) if p.example is not None else ''})",
                                 parameter=p.name)
        else:
            out[p.name] = checked(p, p.default, typed) if p.default is not None else None
    return out


def values_for(read: Read, text: str, bound: dict) -> dict:
    """The values of the ``$parameters`` a (built) text uses; a name the read does not declare
    is a defect of the declaration, refused before anything runs."""
    used = named_parameters(text)
    stray = [n for n in used if n not in bound or (read.param(n) and read.param(n).type in STRUCTURAL)]
    if stray:
        raise ValueError(f"read {read.name!r}: its text uses ${', $'.join(stray)}, which it does not declare")
    return {n: bound[n] for n in used}
