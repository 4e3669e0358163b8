"""One sandbox worker: a process of its own that runs ad-hoc read-only Cypher on LadybugDB (or,
for a server that must not hold a client's blow-up in its own memory, on Neo4j).

Started by :class:`.sandbox.CypherSandbox` as ``python -m policykg.graph.stores.sandbox_worker FD``
(a fresh interpreter: nothing of the server is inherited), it answers one request at a time on
the socket FD until the other end closes.  Its limits:

- an address-space cap (RLIMIT_AS): what is mapped once the database is open (interpreter,
  LadybugDB, database, buffer pool) plus ``memory_mb``; a query that needs more fails here;
- LadybugDB's query timeout, and RLIMIT_CPU a little past it for when nobody is left to kill
  the process (the pool enforces the wall-clock limit by killing it);
- a result cap in pickled bytes as well as in rows;
- a fresh connection per query, so a setting cannot outlive the query that changed it;
- before the first query it confines itself (:func:`.confine.confine`): read-only access to the
  database's directory and the interpreter's, no write anywhere, no network, no new process or
  program, no executable memory, no core dump, no file growth.  The database is opened
  read-only and never recovered from here (a read-write open is what a CHECKPOINT would need),
  and the modules a query's values need are imported first.

It reads holding the gate shared (:class:`.filelock.FileRWLock`) and reopens the database when
its files changed, so it never reads files a writer's checkpoint is rewriting.

On Neo4j the query runs in a READ transaction with the server-side timeout
(:meth:`.neo4j.Neo4jStore.query`); the worker adds the memory cap for what comes back: one
huge row (``RETURN range(1, 100000000)``) fails here, not in the API process.  (Neo4j's own
heap is guarded by the server's ``db.memory.transaction.max``.)
"""
from __future__ import annotations

import datetime  # noqa: F401  (the values a result may hold: imported before the worker is confined)
import decimal  # noqa: F401
import os
import pickle
import resource
import signal
import sys
import uuid  # noqa: F401
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from typing import Iterable, Iterator

from ...errors import PolicyKGError, QueryError, ResultTooLargeError
from .confine import confine
from .filelock import FileRWLock
from .ladybug import file_signature, open_database, translate
from .neo4j import Neo4jStore

MEMORY_ERRORS = ("Buffer manager exception", "bad_alloc", "Unable to allocate", "out of memory", "Mmap for size")


@dataclass(frozen=True)
class SandboxOptions:
    db_path: str
    memory_mb: int = 1024
    buffer_pool_mb: int = 256
    threads: int = 1
    max_result_bytes: int = 16 * 1024 * 1024
    open_wait_s: float = 30.0
    neo4j: dict | None = None  # uri, user, password, database: query Neo4j instead of db_path

    def as_dict(self) -> dict:
        return asdict(self)


_STATM: list[int] = []  # /proc/self/statm, opened before the worker is confined (it may not open /proc then)


def mapped_bytes() -> int:
    if not _STATM:
        _STATM.append(os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC))
    return int(os.pread(_STATM[0], 200, 0).split()[0]) * resource.getpagesize()


def cap_memory(memory_mb: int) -> None:
    """RLIMIT_AS: what this process has mapped now, plus ``memory_mb``."""
    mapped = mapped_bytes()
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    soft = mapped + (memory_mb << 20)
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def uncap_memory() -> None:
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


class Reader:
    """The worker's read-only database, reopened when the files changed, under a memory cap."""

    def __init__(self, opts: SandboxOptions):
        self.opts, self.db, self.signature = opts, None, None

    def current(self):
        sig = file_signature(self.opts.db_path)
        if self.db is None or sig != self.signature:
            uncap_memory()
            if self.db is not None:
                self.db.close()
                self.db = None
            self.db = open_database(self.opts.db_path, read_only=True, wait_s=self.opts.open_wait_s,
                                    recover_wal=False, buffer_pool_size=self.opts.buffer_pool_mb << 20,
                                    max_num_threads=self.opts.threads)
            self.signature = sig
            cap_memory(self.opts.memory_mb)
        return self.db


def cpu_backstop(timeout_ms: int, threads: int) -> None:
    """RLIMIT_CPU a little past what this query may use, in case nobody is left to kill it."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime) + int(timeout_ms / 1000 * max(1, threads)) + 30
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def ladybug_rows(res) -> Iterator[list]:
    while res.has_next():
        yield res.get_next()


def capped(rows: Iterable[list], limit: int | None, max_bytes: int) -> tuple[list[bytes], bool]:
    """The rows, each pickled (their size is what the cap counts), up to ``limit``.

    >>> blobs, more = capped([[1], [2], [3]], 2, 1000)
    >>> len(blobs), more
    (2, True)
    >>> capped([["x" * 600], ["y" * 600]], None, 1000)
    Traceback (most recent call last):
    ...
    policykg.errors.ResultTooLargeError: the result is over the limit of 1000 bytes after 1 rows: return fewer rows (LIMIT) or smaller values
    """
    out, size = [], 0
    for row in rows:
        if limit is not None and len(out) >= limit:
            return out, True
        blob = pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)
        size += len(blob)
        if size > max_bytes:
            raise ResultTooLargeError(f"the result is over the limit of {max_bytes} bytes after {len(out)} rows: "
                                      f"return fewer rows (LIMIT) or smaller values", limit_bytes=max_bytes,
                                      rows=len(out))
        out.append(blob)
    return out, False


def as_error(e: BaseException, cypher: str) -> tuple:
    """A failure as the message the pool turns back into the same error class."""
    if isinstance(e, MemoryError) or (isinstance(e, RuntimeError) and any(m in str(e) for m in MEMORY_ERRORS)):
        e = ResultTooLargeError(f"the query needed more memory than a query may use: {str(e)[:200]}",
                                reason="memory")
    elif isinstance(e, RuntimeError):
        e = translate(e, cypher, read_only=True)
    elif not isinstance(e, PolicyKGError):
        e = QueryError(f"{type(e).__name__}: {str(e)[:300]}")
    return ("error", type(e).__name__, e.message, e.detail)


class LadybugAnswers:
    """Queries on the LadybugDB database: each on a fresh connection, under the readers' gate."""

    def __init__(self, opts: SandboxOptions):
        import ladybug

        self.ladybug, self.opts = ladybug, opts
        self.reader, self.gate = Reader(opts), FileRWLock(opts.db_path)
        ladybug.Database(None).close()  # in memory: loads the engine's native library before confinement

    def __call__(self, cypher: str, params: dict, limit: int | None, timeout_ms: int) -> tuple:
        conn = res = None
        try:
            with self.gate.shared(wait_s=timeout_ms / 1000):
                conn = self.ladybug.Connection(self.reader.current())
                conn.set_query_timeout(timeout_ms)
                cpu_backstop(timeout_ms, self.opts.threads)
                res = conn.execute(cypher, params)
                if isinstance(res, list):
                    raise QueryError("send one statement at a time")
                rows, truncated = capped(ladybug_rows(res), limit, self.opts.max_result_bytes)
                return ("ok", res.get_column_names(), rows, truncated)
        finally:
            for handle in (res, conn):
                if handle is not None:
                    handle.close()


class Neo4jAnswers:
    """Queries on Neo4j, each in a READ transaction with the server-side timeout; the driver is
    connected before the memory cap is set, and again after a query ran out of memory."""

    def __init__(self, opts: SandboxOptions):
        self.opts, self.store = opts, None

    def __call__(self, cypher: str, params: dict, limit: int | None, timeout_ms: int) -> tuple:
        if self.store is None:
            uncap_memory()
            self.store = Neo4jStore(**self.opts.neo4j)
            cap_memory(self.opts.memory_mb)
        cpu_backstop(timeout_ms, 1)
        try:
            result = self.store.query(cypher, params, timeout_s=timeout_ms / 1000, limit=limit)
            rows, _ = capped(result.rows, None, self.opts.max_result_bytes)
        except MemoryError:  # the connection stopped mid-record: start again with a new driver
            broken, self.store = self.store, None
            try:
                broken.close()
            except Exception:
                pass
            raise
        return ("ok", result.columns, rows, result.truncated)


def serve(conn: Connection) -> None:
    """The worker's loop: options first, then one request at a time until the pool closes the socket."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server
    opts = SandboxOptions(**conn.recv())
    run = Neo4jAnswers(opts) if opts.neo4j else LadybugAnswers(opts)
    mapped_bytes()
    conn.send(confine([os.path.dirname(opts.db_path), *package_dirs()], network=bool(opts.neo4j)))
    while True:
        try:
            cypher, params, limit, timeout_ms = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = run(cypher, params, limit, timeout_ms)
        except Exception as e:  # every failure goes back as an answer; the worker carries on
            reply = as_error(e, cypher)
        try:
            conn.send(reply)
        except (RecursionError, pickle.PicklingError, TypeError, ValueError) as e:  # a value that does not pickle
            conn.send(as_error(QueryError(f"the result cannot be sent back: {type(e).__name__}"), cypher))


def package_dirs() -> list[str]:
    """The folders of this package's modules (with an editable install they are the checkout's):
    a module imported later must stay readable."""
    return sorted({os.path.dirname(m.__file__) for name, m in list(sys.modules.items())
                   if name.startswith("policykg") and getattr(m, "__file__", None)})


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
