"""The server store: Neo4j 5 over Bolt, with the official driver.

Read-only queries run in transactions of a READ access-mode session, so the server itself
refuses writes (``Neo.ClientError.Statement.AccessMode``); ``timeout_s`` becomes the
transaction timeout the server enforces.  Every driver error is translated here into the
classes of :mod:`policykg.errors`.
"""
from __future__ import annotations

import importlib
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from ...errors import (ParameterError, PolicyKGError, QueryError, QueryTimeoutError, ReadOnlyViolationError,
                       ResultTooLargeError, StoreError, StoreUnavailableError)
from .. import schema
from .base import GraphStore, Result, write_clause


class _OnFirstUse:
    """A module imported when first touched: importing policykg never loads the driver (~1 s)."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)


neo4j = _OnFirstUse("neo4j")
nx = _OnFirstUse("neo4j.exceptions")

# Neo4j stores what it is given; these coerce values to the schema's types as LadybugDB's CAST does
_COERCE = {schema.STRING: "toString({})", schema.INT: "toInteger({})", schema.DOUBLE: "toFloat({})",
           schema.BOOL: "toBoolean({})", schema.STRINGS: "[x IN {} | toString(x)]"}


# the server settings that size Neo4j's memory, and the names `policykg stats` prints them under
NEO4J_MEMORY_SETTINGS = {"server.memory.heap.initial_size": "heap_initial", "server.memory.heap.max_size": "heap_max",
                         "server.memory.pagecache.size": "pagecache",
                         "db.memory.transaction.total.max": "transaction_total_max",
                         "db.memory.transaction.max": "transaction_max"}

BOLT_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def schema_statements() -> list[str]:
    """Constraints and indexes, all idempotent: a unique key per label, an index per searched
    property (and per ``doc`` of owned labels), and ``doc``/``rule`` indexes on every
    relationship type so the provenance deletes of :class:`GraphStore` are index seeks."""
    out = []
    for lbl, nt in schema.NODES.items():
        label = schema.label(lbl)
        out.append(f"CREATE CONSTRAINT {label}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE")
        for p in nt.search + (("doc",) if nt.owned else ()):
            out.append(f"CREATE INDEX {label}_{p} IF NOT EXISTS FOR (n:{label}) ON (n.{schema.prop(lbl, p)})")
    for name in schema.LEDGER:
        label = schema.ledger_label(name)
        out.append(f"CREATE CONSTRAINT {label}_key IF NOT EXISTS FOR (n:{label}) REQUIRE n.key IS UNIQUE")
    for typ in schema.RELS:
        t = schema.rel_type(typ)
        for p in ("doc", "rule"):
            out.append(f"CREATE INDEX {t}_{p} IF NOT EXISTS FOR ()-[e:{t}]-() ON (e.{p})")
    return out


def plain(v: Any) -> Any:
    """A driver value as plain Python: nodes and relationships become their property dicts."""
    if isinstance(v, (neo4j.graph.Node, neo4j.graph.Relationship)):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, neo4j.graph.Path):
        return {"nodes": [plain(n) for n in v.nodes], "relationships": [plain(r) for r in v.relationships]}
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return v.iso_format()
    return v


def translate(exc: Exception, cypher: str, uri: str) -> PolicyKGError:
    """Map a driver exception onto the policykg error classes."""
    short = " ".join(cypher.split())[:200]
    if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, nx.AuthError, nx.ConfigurationError)):
        return StoreUnavailableError(f"cannot reach Neo4j at {uri}: {getattr(exc, 'message', None) or exc}")
    if isinstance(exc, nx.Neo4jError):
        code, msg = exc.code or "", (exc.message or str(exc)).splitlines()[0]
        if "TransactionTimedOut" in code:
            return QueryTimeoutError(f"query cut off after its time limit: {short}")
        if "MemoryLimit" in code or "OutOfMemory" in code:
            return ResultTooLargeError(f"the query needed more memory than the server lets a transaction use "
                                       f"(db.memory.transaction.max): {short}", reason="memory")
        if code.endswith("Statement.AccessMode"):
            return ReadOnlyViolationError(
                f"refused: {write_clause(cypher) or 'a write'} writes to the graph, and this query runs read-only")
        if code.endswith("Statement.ParameterMissing"):
            return ParameterError(f"{msg} (query: {short})")
        if isinstance(exc, nx.ClientError):
            return QueryError(f"{msg} (query: {short})")
        return StoreError(f"Neo4j failed ({code}): {msg}")
    return StoreError(f"Neo4j driver failed: {type(exc).__name__}: {exc}")


def _collect(res: neo4j.Result, limit: int | None = None) -> Result:
    rows, truncated = [], False
    for rec in res:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append([plain(v) for v in rec.values()])
    return Result(list(res.keys()), rows, truncated)


class Neo4jStore(GraphStore):
    dialect = "neo4j"

    @staticmethod
    def cast(expr: str, typ: str) -> str:
        return _COERCE[typ].format(expr)

    def __init__(self, uri: str, user: str = "neo4j", password: str = "neo4j", database: str | None = None):
        self.uri = uri
        self.database = database
        if uri.split("://")[0] not in BOLT_SCHEMES:  # http:// would select the driver's preview HTTP API
            raise StoreUnavailableError(f"cannot reach Neo4j at {uri}: the URI must start with bolt:// or "
                                        f"neo4j:// and name the Bolt port (7687 by default)")
        try:
            # notifications (e.g. "label does not exist" before data arrives) are not ours to show
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF")
        except (nx.DriverError, ValueError) as e:  # a malformed URI
            raise StoreUnavailableError(f"cannot reach Neo4j at {uri}: {e}") from e
        try:
            self._driver.verify_connectivity()
        except (nx.DriverError, nx.Neo4jError) as e:
            self._driver.close()
            raise translate(e, "", uri) from e
        self._lock = threading.RLock()  # held by an open transaction(): other threads' writes wait
        self._tx: neo4j.Transaction | None = None
        self._tx_thread: int | None = None

    def _session(self, mode: str = "WRITE") -> neo4j.Session:  # neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _call(self, cypher: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except (nx.DriverError, nx.Neo4jError) as e:
            raise translate(e, cypher, self.uri) from e

    def _in_own_tx(self) -> bool:
        return self._tx is not None and self._tx_thread == threading.get_ident()

    # --- lifecycle -------------------------------------------------------------------
    def ensure_schema(self) -> None:
        with self._lock, self._session() as s:
            for stmt in schema_statements():  # schema changes cannot share a transaction with data
                self._call(stmt, lambda: s.run(stmt).consume())
            self._call("db.awaitIndexes", lambda: s.run("CALL db.awaitIndexes(300)").consume())

    def close(self) -> None:
        if getattr(self, "_driver", None) is not None:
            self._driver.close()
            self._driver = None

    # --- execution -------------------------------------------------------------------
    def execute(self, cypher: str, params: dict | None = None) -> Result:
        with self._lock:
            if self._in_own_tx():
                return self._call(cypher, lambda: _collect(self._tx.run(cypher, params or {})))
            with self._session() as s:
                return self._call(cypher, lambda: s.execute_write(lambda tx: _collect(tx.run(cypher, params or {}))))

    def query(self, cypher, params=None, *, timeout_s=None, limit=None) -> Result:
        """Inside this thread's ``transaction()`` the query runs in that transaction (it sees its
        writes, has no timeout, and only :func:`write_clause` keeps it read-only); otherwise in
        a READ transaction of its own."""
        if self._in_own_tx():
            if write_clause(cypher):
                raise ReadOnlyViolationError(
                    f"refused: {write_clause(cypher)} writes to the graph, and this query runs read-only")
            return self._call(cypher, lambda: _collect(self._tx.run(cypher, params or {}), limit))

        def run() -> Result:
            with self._session(neo4j.READ_ACCESS) as s, s.begin_transaction(timeout=timeout_s) as tx:
                return _collect(tx.run(cypher, params or {}), limit)
        return self._call(cypher, run)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._tx is not None:  # nested: the outer transaction decides
                yield
                return
            with self._session() as s:
                self._tx = self._call("BEGIN", s.begin_transaction)
                self._tx_thread = threading.get_ident()
                tx = self._tx
                try:
                    yield
                except BaseException:
                    try:
                        tx.rollback()
                    except (nx.DriverError, nx.Neo4jError):
                        pass  # a failed statement already ended the transaction
                    raise
                else:
                    self._call("COMMIT", tx.commit)
                finally:
                    self._tx = self._tx_thread = None

    def memory(self) -> dict:
        """The server's memory settings (heap, page cache, transaction memory), as it reports them."""
        names = list(NEO4J_MEMORY_SETTINGS)
        try:
            rows = self.query("SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
                              {"names": names}).rows
        except PolicyKGError:  # a user without the privilege to list settings
            rows = []
        return {"backend": "neo4j", **{NEO4J_MEMORY_SETTINGS[n]: v for n, v in rows if v is not None}}

    def clear(self) -> None:
        """Delete all nodes in batches (one huge DETACH DELETE can exhaust the heap)."""
        with self._lock:
            while self.execute("MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*)").rows[0][0]:
                pass
