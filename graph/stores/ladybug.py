"""The embedded default store: LadybugDB (the maintained fork of Kùzu), on disk, no server.

Read-only queries run inside ``BEGIN TRANSACTION READ ONLY`` (or on a database opened
read-only), so the database itself refuses writes; the connection's query timeout cuts
off slow queries.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import (ParameterError, PolicyKGError, QueryError, QueryTimeoutError, ReadOnlyViolationError, StoreError,
                       StoreUnavailableError)
from .. import schema
from .base import GraphStore, Result, write_clause


def node_table_ddl(lbl: str) -> str:
    nt = schema.NODES[lbl]
    cols = ", ".join(f"{c} {t}" for c, t in nt.columns.items())
    return f"CREATE NODE TABLE IF NOT EXISTS {schema.label(lbl)}({cols}, PRIMARY KEY(key))"


def rel_table_ddl(typ: str) -> str:
    rt = schema.RELS[typ]
    pairs = ", ".join(f"FROM {schema.label(a)} TO {schema.label(b)}" for a, b in rt.pairs)
    cols = ", ".join(f"{c} {t}" for c, t in rt.columns.items())
    return f"CREATE REL TABLE IF NOT EXISTS {schema.rel_type(typ)}({pairs}, {cols})"


def upgrade_ddl(name: str, columns: set[str], pairs: set[tuple[str, str]]) -> list[str]:
    """The statements that add to an existing table what the schema has and it lacks.

    >>> upgrade_ddl("ISSUED_BY", {"doc", "span_start", "span_end", "rule"}, {("Document", "Agency")})
    ['ALTER TABLE ISSUED_BY ADD IF NOT EXISTS position INT64', 'ALTER TABLE ISSUED_BY ADD IF NOT EXISTS joint BOOLEAN']
    >>> upgrade_ddl("MEMBER_OF", set(schema.RELS["MEMBER_OF"].columns), {("Zone", "Cluster"), ("Cluster", "Zone")})
    ['ALTER TABLE MEMBER_OF ADD FROM Agency TO Agency']
    """
    table = schema.NODES.get(name) or schema.RELS[schema.rel_type(name)]
    out = [f"ALTER TABLE {name} ADD IF NOT EXISTS {c} {t}" for c, t in table.columns.items() if c not in columns]
    if name in schema.RELS:
        out += [f"ALTER TABLE {name} ADD FROM {schema.label(a)} TO {schema.label(b)}"
                for a, b in schema.RELS[name].pairs if (a, b) not in pairs]
    return out


def translate(exc: Exception, cypher: str, *, read_only: bool = False) -> PolicyKGError:
    """Map a LadybugDB RuntimeError onto the policykg error classes."""
    msg = str(exc)
    short = " ".join(cypher.split())[:200]
    if "Interrupted" in msg or "timeout" in msg.lower():
        return QueryTimeoutError(f"query cut off after its time limit: {short}")
    if "read-only" in msg or "read only" in msg:
        clause = write_clause(cypher) or "a write"
        return ReadOnlyViolationError(f"refused: {clause} writes to the graph, and this query runs read-only")
    if any(k in msg for k in ("Parser exception", "Binder exception", "Runtime exception", "Catalog exception",
                              "Conversion exception", "Overflow exception")):
        return QueryError(f"{msg.splitlines()[0]} (query: {short})")
    if "lock" in msg.lower():
        return StoreUnavailableError(f"the database is in use by another process: {msg}")
    return StoreError(f"LadybugDB failed: {msg.splitlines()[0] if msg else type(exc).__name__}")


class LadybugStore(GraphStore):
    dialect = "ladybug"

    @staticmethod
    def cast(expr: str, typ: str) -> str:
        return f"CAST({expr} AS {typ})"  # a column of all-null values would otherwise bind as STRING

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        import ladybug

        self.path = str(path)
        self.read_only = read_only
        p = Path(self.path)
        wal = Path(self.path + ".wal")
        if not p.exists() and wal.exists():
            wal.unlink()  # a WAL without its database stops a new one of that name from opening
        if read_only and not p.exists():
            raise StoreUnavailableError(f"no database at {self.path}: ingest documents first")
        if p.parent and not p.parent.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = ladybug.Database(self.path, read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as e:
            raise StoreUnavailableError(f"cannot open LadybugDB at {self.path}: {e}") from e
        self._lock = threading.RLock()
        self._in_tx = False

    # --- lifecycle -------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Create the tables, and bring those of an older policykg up to the schema: columns and
        (source, target) pairs it lacks are added (``ALTER TABLE``), nothing is dropped."""
        with self._lock:
            for lbl in schema.NODES:
                self._run(node_table_ddl(lbl))
            for typ in schema.RELS:
                self._run(rel_table_ddl(typ))
            for name in [*schema.NODES, *schema.RELS]:
                have = {r[1] for r in self._run(f"CALL table_info('{name}') RETURN *").rows}
                pairs = ({(r[0], r[1]) for r in self._run(f"CALL show_connection('{name}') RETURN *").rows}
                         if name in schema.RELS else set())
                for ddl in upgrade_ddl(name, have, pairs):
                    self._run(ddl)

    def close(self) -> None:
        with self._lock:
            if getattr(self, "_conn", None) is not None:
                self._conn.close()
                self._db.close()
                self._conn = None

    # --- execution -------------------------------------------------------------------
    def _run(self, cypher: str, params: dict | None = None, limit: int | None = None) -> Result:
        try:
            res = self._conn.execute(cypher, params or {})
        except RuntimeError as e:
            raise translate(e, cypher) from e
        except (ValueError, TypeError) as e:  # the binding layer refused a parameter value
            raise ParameterError(f"a parameter value does not fit: {e} (query: {' '.join(cypher.split())[:200]})") from e
        if isinstance(res, list):  # several statements: keep the last result
            res = res[-1]
        cols = res.get_column_names()
        rows, truncated = [], False
        while res.has_next():
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(res.get_next())
        res.close()
        return Result(cols, rows, truncated)

    def execute(self, cypher: str, params: dict | None = None) -> Result:
        with self._lock:
            return self._run(cypher, params)

    def query(self, cypher, params=None, *, timeout_s=None, limit=None) -> Result:
        with self._lock:
            if timeout_s:
                self._conn.set_query_timeout(int(timeout_s * 1000))
            try:
                if self.read_only or self._in_tx:
                    return self._run(cypher, params, limit)
                self._run("BEGIN TRANSACTION READ ONLY")
                try:
                    return self._run(cypher, params, limit)
                finally:
                    try:
                        self._run("ROLLBACK")
                    except StoreError:
                        pass  # an interrupted (timed-out) query has already ended its transaction
            except QueryError as e:
                if write_clause(cypher) and not isinstance(e, QueryTimeoutError):
                    raise ReadOnlyViolationError(
                        f"refused: {write_clause(cypher)} writes to the graph, and this query runs read-only") from e
                raise
            finally:
                if timeout_s:
                    self._conn.set_query_timeout(0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._in_tx:  # nested: the outer transaction decides
                yield
                return
            self._run("BEGIN TRANSACTION")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self._in_tx = False
                try:
                    self._run("ROLLBACK")
                except StoreError:
                    pass  # LadybugDB already rolled back the failed statement's transaction
                raise
            self._in_tx = False
            self._run("COMMIT")

    def clear(self) -> None:
        with self._lock:
            for typ in schema.RELS:
                self._run(f"MATCH ()-[e:{schema.rel_type(typ)}]->() DELETE e")
            for lbl in schema.NODES:
                self._run(f"MATCH (n:{schema.label(lbl)}) DELETE n")
