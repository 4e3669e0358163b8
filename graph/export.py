"""The stored graph (or part of it) as networkx, GraphML, GEXF, neo4j-admin CSV, or a
canonical dump that compares two stores.

Everything is read with one query per label and per (type, source, target) of the schema,
returning named columns, so both stores give the same rows.  Node ids in networkx are
``Label:key`` (keys are unique per label only).
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from . import schema
from .stores.base import GraphStore

CSV_TYPES = {schema.STRING: "string", schema.INT: "long", schema.DOUBLE: "double", schema.BOOL: "boolean",
             schema.STRINGS: "string[]"}
ARRAY_DELIMITER = ";"


def node_id(label: str, key: str) -> str:
    """The networkx / CSV id of a node: keys are unique per label only.

    >>> node_id("Agency", "许昌市|财政局")
    'Agency:许昌市|财政局'
    """
    return f"{label}:{key}"


def read_nodes(store: GraphStore, labels: Iterable[str] | None = None, keys: dict[str, list[str]] | None = None,
               with_text: bool = True) -> Iterator[tuple[str, dict]]:
    """(label, {column: value}) of every node of ``labels`` (all when None), optionally
    only the given keys per label."""
    for lbl in labels or schema.NODES:
        cols = [c for c in schema.NODES[schema.label(lbl)].columns if with_text or (lbl, c) != ("Document", "text")]
        ret = ", ".join(f"n.{schema.ident(c)} AS {schema.ident(c)}" for c in cols)
        if keys is not None:
            if not keys.get(lbl):
                continue
            res = store.query(f"MATCH (n:{schema.label(lbl)}) WHERE n.key IN $keys RETURN {ret}", {"keys": keys[lbl]})
        else:
            res = store.query(f"MATCH (n:{schema.label(lbl)}) RETURN {ret}")
        for row in res.rows:
            yield lbl, dict(zip(cols, row))


def read_edges(store: GraphStore, types: Iterable[str] | None = None,
               labels: Iterable[str] | None = None) -> Iterator[tuple[str, str, str, str, str, dict]]:
    """(type, source label, source key, target label, target key, {column: value})."""
    keep = set(labels or schema.NODES)
    for typ in types or schema.RELS:
        cols = list(schema.RELS[schema.rel_type(typ)].columns)
        ret = ", ".join(["a.key AS src", "b.key AS dst"] + [f"e.{schema.ident(c)} AS {schema.ident(c)}" for c in cols])
        for src, dst in schema.RELS[typ].pairs:
            if src not in keep or dst not in keep:
                continue
            for row in store.query(f"MATCH (a:{schema.label(src)})-[e:{schema.rel_type(typ)}]->"
                                   f"(b:{schema.label(dst)}) RETURN {ret}").rows:
                yield typ, src, row[0], dst, row[1], dict(zip(cols, row[2:]))


def to_networkx(store: GraphStore, *, labels: Iterable[str] | None = None, types: Iterable[str] | None = None,
                nodes: Iterable[tuple[str, str]] | None = None, with_text: bool = True):
    """The graph, or the subgraph of some labels, relationship types or (label, key) nodes,
    as a ``networkx.MultiDiGraph``: node attributes are the columns plus ``label``, edges
    are keyed by type and carry their columns plus ``type``."""
    import networkx as nx

    keys = None
    if nodes is not None:
        keys = {}
        for lbl, key in nodes:
            keys.setdefault(schema.label(lbl), []).append(key)
        labels = [lbl for lbl in (labels or schema.NODES) if lbl in keys]
    labels = list(labels or schema.NODES)
    g = nx.MultiDiGraph()
    for lbl, props in read_nodes(store, labels, keys, with_text):
        g.add_node(node_id(lbl, props["key"]), label=lbl, **props)
    for typ, sl, s, dl, d, props in read_edges(store, types, labels):
        a, b = node_id(sl, s), node_id(dl, d)
        if a in g and b in g:
            g.add_edge(a, b, key=None, type=typ, **props)
    return g


def _flat(g):
    """A copy GraphML/GEXF can write: no None values, lists as JSON text."""
    h = g.copy()
    for _, data in list(h.nodes(data=True)) + [(None, d) for *_, d in h.edges(data=True)]:
        for k, v in list(data.items()):
            if v is None:
                del data[k]
            elif isinstance(v, (list, dict)):
                data[k] = json.dumps(v, ensure_ascii=False)
    return h


def write_graphml(g, path: str | os.PathLike) -> None:
    import networkx as nx

    nx.write_graphml(_flat(g), str(path))


def write_gexf(g, path) -> None:
    """GEXF for Gephi; ``path`` is a file name or a binary file object."""
    import networkx as nx

    h = _flat(g)
    for _, data in h.nodes(data=True):  # GEXF reserves 'label' for the node's display name
        data["node_label"] = data.pop("label")
        data["label"] = str(data.get("name") or data.get("title") or data.get("key"))
    nx.write_gexf(h, path if hasattr(path, "write") else str(path))


def _csv_value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ARRAY_DELIMITER.join(str(x).replace(ARRAY_DELIMITER, ",") for x in v)
    return v


def write_csv(store: GraphStore, out_dir: str | os.PathLike, *, labels=None, types=None,
              with_text: bool = True) -> list[Path]:
    """CSV files ``neo4j-admin database import full`` reads: ``nodes_<Label>.csv`` with one
    global id space (``:ID`` = ``Label:key``, not stored), typed property columns and
    ``:LABEL``; ``relationships_<TYPE>.csv`` with ``:START_ID``, ``:END_ID``, ``:TYPE``.
    Arrays use ``;`` (neo4j-admin's default ``--array-delimiter``)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    labels = list(labels or schema.NODES)
    for lbl in labels:
        cols = [c for c in schema.NODES[lbl].columns if with_text or (lbl, c) != ("Document", "text")]
        types_ = schema.NODES[lbl].columns
        path = out / f"nodes_{lbl}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([":ID"] + [f"{c}:{CSV_TYPES[types_[c]]}" for c in cols] + [":LABEL"])
            for _, props in read_nodes(store, [lbl], None, with_text):
                w.writerow([node_id(lbl, props["key"])] + [_csv_value(props[c]) for c in cols] + [lbl])
        written.append(path)
    for typ in types or schema.RELS:
        cols = schema.RELS[typ].columns
        path = out / f"relationships_{typ}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", ":END_ID", ":TYPE"] + [f"{c}:{CSV_TYPES[t]}" for c, t in cols.items()])
            for t, sl, s, dl, d, props in read_edges(store, [typ], labels):
                w.writerow([node_id(sl, s), node_id(dl, d), t] + [_csv_value(props[c]) for c in cols])
        written.append(path)
    return written


def neo4j_admin_command(files: list[Path], database: str = "neo4j") -> str:
    """The import command for the files :func:`write_csv` wrote."""
    parts = ["neo4j-admin database import full", database]
    for p in files:
        parts.append(("--nodes=" if p.name.startswith("nodes_") else "--relationships=") + str(p))
    return " ".join(parts + ["--array-delimiter=';'", "--multiline-fields=true", "--overwrite-destination"])


def _norm(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, list):
        return [_norm(x) for x in v]
    return v


def canonical_dump(store: GraphStore, *, with_text: bool = True) -> dict:
    """The whole graph as sorted, JSON-comparable rows: equal dumps, equal graphs
    (duplicate relationships show as repeated rows)."""
    nodes = sorted(json.dumps([lbl, {k: _norm(v) for k, v in p.items()}], ensure_ascii=False, sort_keys=True)
                   for lbl, p in read_nodes(store, with_text=with_text))
    edges = sorted(json.dumps([t, sl, s, dl, d, {k: _norm(v) for k, v in p.items()}], ensure_ascii=False,
                              sort_keys=True) for t, sl, s, dl, d, p in read_edges(store))
    return {"nodes": nodes, "edges": edges}
