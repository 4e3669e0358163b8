"""Ad-hoc Cypher, run where it cannot hurt the process that asked for it.

LadybugDB 0.22 runs inside the calling process, and some read queries kill it (segfaults:
tools/repro/), run far past their timeout (it is checked only between pipeline steps) or take
gigabytes that are never given back.  So ad-hoc queries go to a small pool of worker processes
(:mod:`.sandbox_worker`: read-only database, memory cap, result cap in bytes), and the pool
enforces the wall-clock limit by killing a worker that overruns it.  A crash, hang or blow-up
costs that one query a specific error -- :class:`~policykg.errors.QueryCrashedError`
(``query_crashed``), :class:`~policykg.errors.QueryTimeoutError` (``query_timeout``),
:class:`~policykg.errors.ResultTooLargeError` (``result_too_large``) -- and the worker is
replaced at once.  What may run is decided before: :func:`policykg.queries.guard.check_read_query`.

Workers are started as ``python -P -m policykg.graph.stores.sandbox_worker``: ``-P`` keeps the
working directory off ``sys.path``, so the installed package is imported even from a checkout
whose ``policykg/`` folder is only part of the sources.  A worker gets a minimal environment (no
API key or password in it) and a private temporary directory, and confines itself before its
first query (:mod:`.confine`); the first thing it sends is what it could apply (``confinement``).
Any failure while a worker holds a query -- an error of ours, a parameter that does not pickle,
a RecursionError, even KeyboardInterrupt -- retires it and starts another.

The API runs ad-hoc Cypher on Neo4j in the same pool (``neo4j=``): the server enforces the
time limit and refuses writes, and a worker's memory cap keeps a huge result out of the API.
"""
from __future__ import annotations

import logging
import os
import pickle
import queue
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

from ... import errors
from .. import scratch
from ...errors import (PolicyKGError, QueryCrashedError, QueryError, QueryTimeoutError, ResultTooLargeError,
                       SandboxBusyError, StoreUnavailableError)
from .base import Result
from .filelock import FileRWLock
from .sandbox_worker import SandboxOptions

log = logging.getLogger("policykg.sandbox")
KILL_GRACE_S = 0.5  # past the time limit, LadybugDB's own interruption gets this long before the kill
START_S = 30.0  # how long a new worker may take to start and confine itself
WORKER = "policykg.graph.stores.sandbox_worker"
ENV_KEPT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONPATH", "PYTHONHASHSEED", "LD_LIBRARY_PATH", "HOME")


def worker_env(tmp: str) -> dict:
    """What a worker sees of the environment: the interpreter's needs, and its own TMPDIR."""
    return {**{k: os.environ[k] for k in ENV_KEPT if k in os.environ}, "TMPDIR": tmp}


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    started: bool = False  # its confinement report was read


def rebuild(name: str, message: str, detail: dict) -> PolicyKGError:
    """An error a worker sent back, as its own class again (unknown names become QueryError).

    >>> rebuild("QueryTimeoutError", "cut off", {}).code
    'query_timeout'
    >>> type(rebuild("os.system", "x", {})).__name__
    'QueryError'
    """
    cls = getattr(errors, name, QueryError)
    if not (isinstance(cls, type) and issubclass(cls, PolicyKGError)):
        cls = QueryError
    err = cls.__new__(cls)
    PolicyKGError.__init__(err, message, **detail)
    return err


def death(returncode: int | None, cypher: str) -> PolicyKGError:
    """The error for a query whose worker died while running it.

    >>> death(-11, "RETURN 1").detail
    {'signal': 'SIGSEGV'}
    """
    short = " ".join(cypher.split())[:200]
    if returncode is not None and returncode < 0:
        sig = signal.Signals(-returncode).name
        if sig == "SIGKILL":
            return ResultTooLargeError(f"the query was killed by the system, probably for memory: {short}",
                                       reason="killed")
        if sig == "SIGXCPU":
            return QueryTimeoutError(f"query cut off after its CPU time limit: {short}")
        return QueryCrashedError(f"the query crashed the database engine ({sig}); nothing else was affected. "
                                 f"This is a LadybugDB bug: change the query (query: {short})", signal=sig)
    return QueryCrashedError(f"the query ended the process that ran it (exit code {returncode}): {short}",
                             exit_code=returncode)


class CypherSandbox:
    """A pool of sandbox workers for one LadybugDB database; ``run`` may be called from many
    threads, and each query has a worker to itself."""

    def __init__(self, db_path: str | None, *, workers: int = 2, timeout_s: float = 10.0, wait_s: float = 10.0,
                 memory_mb: int = 1024, buffer_pool_mb: int = 256, threads: int = 1,
                 max_result_bytes: int = 16 * 1024 * 1024, open_wait_s: float = 30.0, neo4j: dict | None = None):
        """On the LadybugDB database at ``db_path``, or on Neo4j (``neo4j``: the keyword
        arguments of :class:`.neo4j.Neo4jStore`)."""
        if neo4j is None and not os.path.exists(db_path):
            raise StoreUnavailableError(f"no database at {db_path}: ingest documents first")
        self.opts = SandboxOptions(os.path.abspath(db_path or "."), memory_mb, buffer_pool_mb, threads,
                                   max_result_bytes, open_wait_s, neo4j)
        self.timeout_s, self.wait_s = timeout_s, wait_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: dict[int, _Worker] = {}
        self._lock = threading.Lock()
        self._closed = False
        self.restarts = 0
        self.confinement: dict | None = None  # what the workers could apply (see .confine)
        scratch.clean_stale("sandbox")
        self._tmp = scratch.private_dir("sandbox")
        if neo4j is None:
            FileRWLock(self.opts.db_path).make_files()  # a confined worker cannot create them
        for _ in range(max(1, workers)):
            self._idle.put(self._spawn())

    @classmethod
    def from_settings(cls, settings, **overrides) -> "CypherSandbox":
        """The sandbox for the database the settings name (``policykg.config.Settings``)."""
        kw = dict(workers=settings.sandbox_workers, timeout_s=settings.query_timeout_s, wait_s=settings.sandbox_wait_s,
                  memory_mb=settings.sandbox_memory_mb, buffer_pool_mb=settings.sandbox_buffer_pool_mb,
                  threads=settings.sandbox_threads, max_result_bytes=settings.max_result_bytes,
                  open_wait_s=settings.open_wait_s)
        if settings.neo4j_uri:
            kw["neo4j"] = dict(uri=settings.neo4j_uri, user=settings.neo4j_user, password=settings.neo4j_password,
                               database=settings.neo4j_database)
        return cls(settings.db_path, **{**kw, **overrides})

    def _spawn(self) -> _Worker:
        """A fresh interpreter (nothing of this process is inherited); it opens the database itself."""
        ours, theirs = socket.socketpair()
        proc = subprocess.Popen([sys.executable, "-P", "-m", WORKER, str(theirs.fileno())],
                                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                close_fds=True, env=worker_env(str(self._tmp)), cwd=str(self._tmp))
        theirs.close()
        w = _Worker(proc, Connection(ours.detach()))
        w.conn.send(self.opts.as_dict())
        with self._lock:
            self._live[proc.pid] = w
        return w

    def _retire(self, w: _Worker) -> None:
        if w.process.poll() is None:
            w.process.kill()
        w.process.wait()
        w.conn.close()
        with self._lock:
            self._live.pop(w.process.pid, None)

    def _replace(self, w: _Worker) -> None:
        self._retire(w)
        if not self._closed:
            self._idle.put(self._spawn())
            self.restarts += 1

    def _checkout(self) -> _Worker:
        if self._closed:
            raise StoreUnavailableError("the query sandbox is closed")
        try:
            w = self._idle.get(timeout=self.wait_s)
        except queue.Empty:
            raise SandboxBusyError(f"every query worker stayed busy for {self.wait_s:g} s; try again later",
                                   wait_s=self.wait_s, retry_after_s=2) from None
        while w.process.poll() is not None:  # died while idle (killed from outside)
            self._replace(w)
            w = self._idle.get()
        return w

    def run(self, cypher: str, params: dict | None = None, *, limit: int | None = None,
            timeout_s: float | None = None) -> Result:
        """Run one read-only query in a worker; at most ``limit`` rows (``truncated`` beyond)."""
        timeout = timeout_s or self.timeout_s
        w = self._checkout()
        try:
            self._started(w, cypher)
            answer = self._ask(w, (cypher, params or {}, limit, max(1, int(timeout * 1000))), timeout)
        except BaseException:  # whatever it was, this worker is not trusted with another query
            self._replace(w)
            raise
        self._idle.put(w)
        if answer[0] == "error":
            raise rebuild(*answer[1:])
        _, columns, blobs, truncated = answer
        return Result(columns, [pickle.loads(b) for b in blobs], truncated)

    def _started(self, w: _Worker, cypher: str) -> None:
        """Read a new worker's confinement report (it sends it once started)."""
        if w.started:
            return
        try:
            if not w.conn.poll(START_S):
                raise StoreUnavailableError(f"a query worker did not start within {START_S:g} s")
            report = w.conn.recv()
        except (EOFError, OSError):
            raise death(w.process.wait(), cypher) from None
        w.started = True
        if report != self.confinement:
            self.confinement = report
            log.info("query sandbox workers confined: %s", report)

    def _ask(self, w: _Worker, request: tuple, timeout: float) -> tuple:
        cypher = request[0]
        try:
            w.conn.send(request)
            if not w.conn.poll(timeout + KILL_GRACE_S):
                w.process.kill()
                raise QueryTimeoutError(f"query cut off after its time limit of {timeout:g} s (its process was "
                                        f"stopped): {' '.join(cypher.split())[:200]}", limit_s=timeout)
            return w.conn.recv()
        except (EOFError, OSError):
            return_code = w.process.wait()
            if self._closed:
                raise StoreUnavailableError("the query sandbox was closed while the query ran") from None
            raise death(return_code, cypher) from None

    def pids(self) -> set[int]:
        with self._lock:
            return set(self._live)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._live.values())
        for w in workers:
            self._retire(w)
        scratch.remove(self._tmp)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
