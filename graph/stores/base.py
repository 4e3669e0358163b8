"""The one interface every store implements, and the maintenance statements both stores share.

Statements are built from :mod:`..schema` (labels, types and property names only ever come
from the schema), and values always travel as ``$parameters``; batches are written by
:mod:`..write`.  A store adds what differs: DDL, transactions, timeouts,
read-only execution and the translation of driver errors.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import schema

BATCH_ROWS = 5000

# Clauses that write; used to explain a refusal, never as the only guard (stores also run
# read-only queries in read-only transactions / on a read-only database).
WRITE_CLAUSE = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|ALTER|COPY|LOAD|INSTALL|ATTACH|IMPORT|EXPORT|CHECKPOINT|"
    r"FOREACH|BEGIN|COMMIT|ROLLBACK)\b", re.IGNORECASE)
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def write_clause(cypher: str) -> str | None:
    """The first write clause of a Cypher text (outside strings and comments), or None.

    >>> write_clause("MATCH (a:Agency) RETURN a.name // CREATE nothing")
    >>> write_clause("MATCH (a) WHERE a.name = 'SET' DETACH DELETE a")
    'DETACH'
    """
    m = WRITE_CLAUSE.search(_STRINGS.sub(" ", cypher))
    return m.group(1).upper() if m else None


@dataclass
class Result:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]


@dataclass
class Stats:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"nodes": dict(self.nodes), "relationships": dict(self.relationships)}


def chunks(rows: list, size: int = BATCH_ROWS) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


class GraphStore(ABC):
    """A graph database holding the policykg schema."""

    dialect: str = "?"
    #: a batch of at least this many rows is written in bulk (:mod:`..write`): the keys it
    #: names are looked up and new rows created without MERGE
    bulk_min_rows: int = 50_000
    #: rows per ``UNWIND`` statement: upserts, and creations without a bulk loader
    rows_per_statement: int = BATCH_ROWS
    create_rows: int = 10_000
    #: rows a write transaction holds well (the loader's groups, alignment's chunks)
    transaction_rows: int = 100_000
    #: the loader's groups grow with the rows stored, up to this many (no growth when equal)
    max_transaction_rows: int = 100_000

    @staticmethod
    def cast(expr: str, typ: str) -> str:
        """How a parameter value is typed in write statements (LadybugDB needs CAST)."""
        return expr

    # --- lifecycle -------------------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables / constraints / indexes from the schema (idempotent)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- execution -------------------------------------------------------------------
    @abstractmethod
    def execute(self, cypher: str, params: dict | None = None) -> Result:
        """Run a statement that may write, inside the current transaction if one is open."""

    @abstractmethod
    def query(self, cypher: str, params: dict | None = None, *, timeout_s: float | None = None,
              limit: int | None = None) -> Result:
        """Run a read-only query.  Writes are refused by the database itself
        (:class:`ReadOnlyViolationError`); ``timeout_s`` cuts it off
        (:class:`QueryTimeoutError`); at most ``limit`` rows are returned (``truncated``)."""

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All ``execute`` calls inside commit together or not at all."""

    # --- bulk loading (optional) ------------------------------------------------------
    def copy_nodes(self, label: str, nodes: list, table=None) -> bool:
        """Create nodes known to be new (keys absent) through the database's bulk loader, inside
        the current transaction, with the rows of ``table`` (Arrow, the label's columns) if given;
        False when this store has none (the caller then CREATEs them)."""
        return False

    def copy_edges(self, edges: list, tables: dict | None = None) -> bool:
        """Create new relationships (endpoints exist) through the bulk loader, with the rows of
        ``tables`` ({RelGroup: Arrow table}) if given; False: none."""
        return False

    # --- shared operations -----------------------------------------------------------
    def delete_document_facts(self, doc_key: str) -> None:
        """Remove what one document contributed: its owned nodes and every relationship
        whose provenance is that document.  Shared nodes stay (see ``collect_garbage``).

        One statement per relationship type, not per (source, target) pair: both stores
        match every pair of a type with an unlabelled pattern, and Neo4j seeks its
        ``doc`` index."""
        for lbl, nt in schema.NODES.items():
            if nt.owned:
                self.execute(f"MATCH (n:{schema.label(lbl)}) WHERE n.doc = $doc DETACH DELETE n", {"doc": doc_key})
        for typ in schema.RELS:
            self.execute(f"MATCH ()-[e:{schema.rel_type(typ)}]->() WHERE e.doc = $doc DELETE e", {"doc": doc_key})

    def delete_derived(self) -> None:
        """Drop every relationship that alignment computed (rule starts with ``align:``)."""
        for typ in schema.RELS:
            self.execute(f"MATCH ()-[e:{schema.rel_type(typ)}]->() WHERE e.rule STARTS WITH $p DELETE e",
                         {"p": schema.DERIVED_RULE_PREFIX})

    def delete_derived_in_chunks(self, chunk: int = 20_000) -> None:
        """:meth:`delete_derived` in transactions of at most ``chunk`` relationships each, for
        graphs whose derived facts do not fit one transaction."""
        for typ in schema.RELS:
            cypher = (f"MATCH ()-[e:{schema.rel_type(typ)}]->() WHERE e.rule STARTS WITH $p "
                      f"WITH e LIMIT $n DELETE e RETURN count(*) AS n")
            while True:
                with self.transaction():
                    n = self.execute(cypher, {"p": schema.DERIVED_RULE_PREFIX, "n": chunk}).rows[0][0]
                if not n:
                    break

    def count_rows(self) -> int:
        """Nodes and relationships stored."""
        s = self.stats()
        return sum(s.nodes.values()) + sum(s.relationships.values())

    def stats(self) -> Stats:
        s = Stats()
        for lbl in schema.NODES:
            s.nodes[lbl] = self.query(f"MATCH (n:{schema.label(lbl)}) RETURN count(n) AS n").rows[0][0]
        for typ in schema.RELS:
            s.relationships[typ] = self.query(
                f"MATCH ()-[e:{schema.rel_type(typ)}]->() RETURN count(e) AS n").rows[0][0]
        return s

    def memory(self) -> dict:
        """The memory settings the store runs with (page cache, heap ...), for ``policykg stats``."""
        return {"backend": self.dialect}

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship (the schema stays)."""
