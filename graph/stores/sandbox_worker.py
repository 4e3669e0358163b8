"""One sandbox worker: a process of its own that runs ad-hoc read-only Cypher on LadybugDB.

Started by :class:`.sandbox.CypherSandbox` as ``python -m policykg.graph.stores.sandbox_worker FD``
(a fresh interpreter: nothing of the server is inherited), it answers one request at a time on
the socket FD until the other end closes.  Its limits:

- an address-space cap (RLIMIT_AS): what is mapped once the database is open (interpreter,
  LadybugDB, database, buffer pool) plus ``memory_mb``; a query that needs more fails here;
- LadybugDB's query timeout, and RLIMIT_CPU a little past it for when nobody is left to kill
  the process (the pool enforces the wall-clock limit by killing it);
- a result cap in pickled bytes as well as in rows;
- a fresh connection per query, so a setting cannot outlive the query that changed it.

It reads holding the gate shared (:class:`.filelock.FileRWLock`) and reopens the database when
its files changed, so it never reads files a writer's checkpoint is rewriting.
"""
from __future__ import annotations

import pickle
import resource
import signal
import sys
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection

from ...errors import PolicyKGError, QueryError, ResultTooLargeError
from .filelock import FileRWLock
from .ladybug import file_signature, open_database, translate

MEMORY_ERRORS = ("Buffer manager exception", "bad_alloc", "Unable to allocate", "out of memory", "Mmap for size")


@dataclass(frozen=True)
class SandboxOptions:
    db_path: str
    memory_mb: int = 1024
    buffer_pool_mb: int = 256
    threads: int = 1
    max_result_bytes: int = 16 * 1024 * 1024
    open_wait_s: float = 30.0

    def as_dict(self) -> dict:
        return asdict(self)


class Reader:
    """The worker's read-only database, reopened when the files changed, under a memory cap."""

    def __init__(self, opts: SandboxOptions):
        self.opts, self.db, self.signature = opts, None, None

    def current(self):
        sig = file_signature(self.opts.db_path)
        if self.db is None or sig != self.signature:
            self._uncap()
            if self.db is not None:
                self.db.close()
                self.db = None
            self.db = open_database(self.opts.db_path, read_only=True, wait_s=self.opts.open_wait_s,
                                    buffer_pool_size=self.opts.buffer_pool_mb << 20,
                                    max_num_threads=self.opts.threads)
            self.signature = sig
            self._cap()
        return self.db

    def _cap(self) -> None:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * resource.getpagesize()
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = mapped + (self.opts.memory_mb << 20)
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))

    @staticmethod
    def _uncap() -> None:
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def cpu_backstop(timeout_ms: int, threads: int) -> None:
    """RLIMIT_CPU a little past what this query may use, in case nobody is left to kill it."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime) + int(timeout_ms / 1000 * max(1, threads)) + 30
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def collect(res, limit: int | None, max_bytes: int) -> tuple[list[bytes], bool]:
    """The rows, each pickled (their size is what the cap counts), up to ``limit``."""
    out, size = [], 0
    while res.has_next():
        if limit is not None and len(out) >= limit:
            return out, True
        blob = pickle.dumps(res.get_next(), protocol=pickle.HIGHEST_PROTOCOL)
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
        e = QueryError(f"{type(e).__name__}: {e}")
    return ("error", type(e).__name__, e.message, e.detail)


def answer(ladybug, reader: Reader, gate: FileRWLock, opts: SandboxOptions, request: tuple) -> tuple:
    cypher, params, limit, timeout_ms = request
    conn = res = None
    try:
        with gate.shared(wait_s=timeout_ms / 1000):
            conn = ladybug.Connection(reader.current())
            conn.set_query_timeout(timeout_ms)
            cpu_backstop(timeout_ms, opts.threads)
            res = conn.execute(cypher, params)
            if isinstance(res, list):
                raise QueryError("send one statement at a time")
            rows, truncated = collect(res, limit, opts.max_result_bytes)
            return ("ok", res.get_column_names(), rows, truncated)
    except Exception as e:  # every failure goes back as an answer; the worker carries on
        return as_error(e, cypher)
    finally:
        for handle in (res, conn):
            if handle is not None:
                handle.close()


def serve(conn: Connection) -> None:
    """The worker's loop: options first, then one request at a time until the pool closes the socket."""
    import ladybug

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server
    opts = SandboxOptions(**conn.recv())
    reader, gate = Reader(opts), FileRWLock(opts.db_path)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(ladybug, reader, gate, opts, request))


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1])))
