"""Graph rows as Arrow tables: one per node label, one per (relationship type, source
label, target label).  The same tables feed LadybugDB ``COPY ... FROM`` and the Parquet
shards of a distributed extraction, so both see exactly the rows a store would write.

Pure: no store, no files.  Column order and types come from :mod:`.schema` (LadybugDB's
``COPY`` matches columns by position), provenance columns included.  A relationship table
starts with ``from`` and ``to`` (the endpoint keys), as ``COPY`` into a REL table wants.
pyarrow (~0.2 s to import) is loaded when a table is first built, not with the stores.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import schema
from .batch import Edge, GraphBatch, Node

if TYPE_CHECKING:
    import pyarrow as pa


def arrow_type(typ: str) -> "pa.DataType":
    """The Arrow type of a schema type.

    >>> str(arrow_type(schema.STRINGS))
    'list<item: string>'
    """
    import pyarrow as pa

    return {schema.STRING: pa.string(), schema.INT: pa.int64(), schema.DOUBLE: pa.float64(),
            schema.BOOL: pa.bool_(), schema.STRINGS: pa.list_(pa.string())}[typ]


_COERCE = {schema.STRING: str, schema.INT: int, schema.DOUBLE: float, schema.BOOL: bool,
           schema.STRINGS: lambda v: [str(x) for x in v]}
FROM, TO = "from", "to"


@dataclass(frozen=True)
class RelGroup:
    """The rows of one relationship type between one pair of labels."""

    type: str
    src: str
    dst: str

    @property
    def name(self) -> str:
        """A stable file-name part: ``LOCATED_IN.Agency-Province``.

        >>> RelGroup("LOCATED_IN", "Agency", "Province").name
        'LOCATED_IN.Agency-Province'
        """
        return f"{self.type}.{self.src}-{self.dst}"


def node_schema(label: str) -> pa.Schema:
    """The Arrow schema of a node label, in the schema's column order.

    >>> node_schema("Province").names
    ['key', 'name', 'doc', 'span_start', 'span_end', 'rule']
    """
    import pyarrow as pa

    return pa.schema([(c, arrow_type(t)) for c, t in schema.NODES[schema.label(label)].columns.items()])


def rel_schema(typ: str) -> pa.Schema:
    """``from``, ``to``, then the relationship's columns.

    >>> rel_schema("RESPONSIBLE_FOR").names
    ['from', 'to', 'lead', 'doc', 'span_start', 'span_end', 'rule']
    """
    import pyarrow as pa

    cols = schema.RELS[schema.rel_type(typ)].columns
    return pa.schema([(FROM, pa.string()), (TO, pa.string())] + [(c, arrow_type(t)) for c, t in cols.items()])


def _column(name: str, typ: str, values: list) -> pa.Array:
    """One column; values of a neighbouring Python type (an int in a DOUBLE column, 1.0 in an
    INT64 one) are coerced as the stores' CAST would, anything else is a clear error."""
    import pyarrow as pa

    try:
        return pa.array(values, type=arrow_type(typ))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    coerce = _COERCE[typ]
    try:
        return pa.array([None if v is None else coerce(v) for v in values], type=arrow_type(typ))
    except (TypeError, ValueError, pa.ArrowInvalid, pa.ArrowTypeError) as e:
        bad = next((v for v in values if v is not None and not _fits(v, coerce)), None)
        raise ValueError(f"column {name} ({typ}) cannot hold {bad!r}: {e}") from e


def _fits(v, coerce) -> bool:
    try:
        coerce(v)
        return True
    except (TypeError, ValueError):
        return False


def node_table(label: str, nodes: list[Node]) -> pa.Table:
    """Nodes of one label as a table (all schema columns; missing values are null).

    >>> t = node_table("Province", [Node("Province", "河南省", {"name": "河南省", "rule": "gazetteer"})])
    >>> t.num_rows, t.column("key").to_pylist(), t.column("span_start").to_pylist()
    (1, ['河南省'], [None])
    """
    import pyarrow as pa

    cols = schema.NODES[schema.label(label)].columns
    rows = [n.row() for n in nodes]
    return pa.table([_column(c, t, [r[c] for r in rows]) for c, t in cols.items()], schema=node_schema(label))


def rel_table(typ: str, edges: list[Edge]) -> pa.Table:
    """Relationships of one type as a table: ``from``, ``to`` and the columns.

    >>> e = Edge("PART_OF", "Task", "D#1", "Document", "D", {"doc": "D", "span_start": 3, "span_end": 9})
    >>> rel_table("PART_OF", [e]).to_pylist()[0]["from"]
    'D#1'
    """
    import pyarrow as pa

    cols = schema.RELS[schema.rel_type(typ)].columns
    arrays = [pa.array([e.src for e in edges], pa.string()), pa.array([e.dst for e in edges], pa.string())]
    arrays += [_column(c, t, [e.props.get(c) for e in edges]) for c, t in cols.items()]
    return pa.table(arrays, schema=rel_schema(typ))


def group_nodes(nodes: list[Node]) -> dict[str, list[Node]]:
    out: dict[str, list[Node]] = {}
    for n in nodes:
        out.setdefault(n.label, []).append(n)
    return out


def group_edges(edges: list[Edge]) -> dict[RelGroup, list[Edge]]:
    out: dict[RelGroup, list[Edge]] = {}
    for e in edges:
        out.setdefault(RelGroup(e.type, e.src_label, e.dst_label), []).append(e)
    return out


def batch_tables(batch: GraphBatch) -> tuple[dict[str, pa.Table], dict[RelGroup, pa.Table]]:
    """Every row of a batch, as tables by label and by relationship group (sorted by name).

    >>> b = GraphBatch()
    >>> _ = b.add_node("Province", "河南省", name="河南省")
    >>> _ = b.add_node("City", "许昌市", name="许昌市", province="河南省")
    >>> _ = b.add_edge("LOCATED_IN", "City", "许昌市", "Province", "河南省", rule="gazetteer")
    >>> nodes, rels = batch_tables(b)
    >>> sorted(nodes), [g.name for g in rels]
    (['City', 'Province'], ['LOCATED_IN.City-Province'])
    """
    nodes = {lbl: node_table(lbl, ns) for lbl, ns in sorted(group_nodes(batch.nodes).items())}
    rels = {g: rel_table(g.type, es) for g, es in sorted(group_edges(batch.edges).items(), key=lambda kv: kv[0].name)}
    return nodes, rels


def nodes_from_table(label: str, table: pa.Table) -> list[Node]:
    """Back from a table to nodes (for writers that take rows: UNWIND paths, tests).

    >>> t = node_table("Province", [Node("Province", "河南省", {"name": "河南省"})])
    >>> nodes_from_table("Province", t)[0].props["name"]
    '河南省'
    """
    out = []
    for r in table.to_pylist():
        key = r.pop("key")
        out.append(Node(label, key, r))
    return out


def edges_from_table(group: RelGroup, table: pa.Table) -> list[Edge]:
    """Back from a relationship table to edges."""
    out = []
    for r in table.to_pylist():
        src, dst = r.pop(FROM), r.pop(TO)
        out.append(Edge(group.type, group.src, src, group.dst, dst, r))
    return out


@dataclass
class Packed:
    """Rows held as Arrow tables while they wait for their transaction (a tenth of the memory of
    :class:`~.batch.Node` and :class:`~.batch.Edge` objects): by label and by relationship group."""

    nodes: dict
    rels: dict
    rows: int = 0

    @classmethod
    def of(cls, batch: GraphBatch) -> "Packed":
        nodes, rels = batch_tables(batch)
        return cls(nodes, rels, len(batch.nodes) + len(batch.edges))

    @classmethod
    def concat(cls, packs: list["Packed"]) -> "Packed":
        """Several as one (zero-copy: the tables are chunked, not rewritten)."""
        import pyarrow as pa

        nodes: dict[str, list] = {}
        rels: dict[RelGroup, list] = {}
        for p in packs:
            for k, t in p.nodes.items():
                nodes.setdefault(k, []).append(t)
            for g, t in p.rels.items():
                rels.setdefault(g, []).append(t)
        return cls({k: pa.concat_tables(ts) for k, ts in nodes.items()},
                   {g: pa.concat_tables(ts) for g, ts in rels.items()}, sum(p.rows for p in packs))

    @property
    def node_rows(self) -> int:
        return sum(t.num_rows for t in self.nodes.values())

    @property
    def edge_rows(self) -> int:
        return sum(t.num_rows for t in self.rels.values())

    def batch(self) -> GraphBatch:
        """Back to nodes and edges (writers that take rows)."""
        return GraphBatch([n for lbl, t in sorted(self.nodes.items()) for n in nodes_from_table(lbl, t)],
                          [e for g, t in self.rels.items() for e in edges_from_table(g, t)])
