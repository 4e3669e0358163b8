"""Background finalize: an upload's request writes its document and answers; the recomputation
of the shared and derived facts (finalize: aliases, regions, lineage, alignment) runs here,
outside the request, one job at a time per server process -- and one at a time per database,
since a job holds the database's writer lock (:meth:`~.storehub.StoreHub.writing`) while it runs.

A job is ``queued``, ``running``, ``done`` (with the finalize summary) or ``failed`` (with the
API's error shape, ``{"code", "message", "detail"}``).  Jobs waiting together share one
recomputation: the first to start takes the documents of every upload written so far, the others
then find nothing left and are done at once.  A failed finalize leaves the store marked pending,
so the next upload or ``policykg ingest`` recomputes everything; nothing written is lost.

Jobs live in the memory of the server process that accepted the upload (the last
:data:`KEEP` of them): with several workers, ask the one that answered the upload.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from ..errors import PolicyKGError, StoreBusyError
from ..graph.touched import Touched

log = logging.getLogger("policykg.api")
KEEP = 500  # finished jobs remembered (the oldest are forgotten first)
STATES = ("queued", "running", "done", "failed")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Job:
    id: str
    document: dict | None
    state: str = "queued"
    created: str = field(default_factory=now)
    started: str | None = None
    finished: str | None = None
    seconds: float | None = None
    finalize: dict | None = None
    error: dict | None = None

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": "finalize", "state": self.state, "document": self.document,
                "created": self.created, "started": self.started, "finished": self.finished,
                "seconds": self.seconds, "finalize": self.finalize, "error": self.error}


def error_of(exc: BaseException, scrub: Callable[[object], object]) -> dict:
    """A job's error in the API's shape (the server's paths scrubbed)."""
    if isinstance(exc, PolicyKGError):
        return {"code": exc.code, "message": scrub(exc.message), "detail": scrub(exc.detail or None)}
    return {"code": "internal_error", "message": "finalize failed: the server log has the details", "detail": None}


class FinalizeJobs:
    """Finalize jobs of one server process, run by one worker thread in the order submitted.

    ``finalize(scope)`` recomputes what ``scope`` names (a :class:`Touched`, None: everything)
    and returns its summary; ``scrub`` takes the server's paths out of error texts."""

    def __init__(self, finalize: Callable[[Touched | None], dict], scrub: Callable[[object], object] = lambda v: v):
        self._finalize, self._scrub = finalize, scrub
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._scope: Touched | None | bool = False  # what the queued jobs must recompute, together
        self._pool: ThreadPoolExecutor | None = None
        self._closed = False

    def submit(self, scope: Touched | None | bool, document: dict | None) -> Job:
        """A job for what an upload wrote (``scope`` False: nothing to recompute, done at once)."""
        job = Job(uuid.uuid4().hex, document)
        with self._lock:
            self._remember(job)
            if scope is False:
                job.state, job.started, job.finished, job.seconds = "done", job.created, job.created, 0.0
                job.finalize = {"skipped": "nothing changed"}
                return job
            self._scope = merged(self._scope, scope)
            if self._closed:
                raise StoreBusyError("the server is stopping: the document is written, and the next upload or "
                                     "ingest recomputes what depends on it")
            if self._pool is None:  # started on first use: creating the app starts no thread
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policykg-finalize")
            self._pool.submit(self._run, job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _remember(self, job: Job) -> None:
        self._jobs[job.id] = job
        while len(self._jobs) > KEEP:
            oldest = next((k for k, j in self._jobs.items() if j.state in ("done", "failed")), None)
            if oldest is None:
                break
            del self._jobs[oldest]

    def _run(self, job: Job) -> None:
        with self._lock:
            scope, self._scope = self._scope, False
            job.state, job.started = "running", now()
        t0 = time.perf_counter()
        try:
            result = {"skipped": "recomputed by an earlier job"} if scope is False else self._finalize(scope)
            state, error = "done", None
        except BaseException as e:  # noqa: BLE001 -- the job reports it; the worker lives on
            log.warning("finalize job %s failed: %s", job.id, e, exc_info=not isinstance(e, PolicyKGError))
            result, state, error = None, "failed", error_of(e, self._scrub)
        with self._lock:
            job.finalize, job.error, job.state = result, error, state
            job.finished, job.seconds = now(), round(time.perf_counter() - t0, 3)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Whether every submitted job finished within ``timeout_s`` (tests, shutdown)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            with self._lock:
                if all(j.state in ("done", "failed") for j in self._jobs.values()):
                    return True
            if deadline is not None and time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def close(self) -> None:
        """Let the running and queued jobs finish (the store stays consistent), then stop."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


def merged(a: Touched | None | bool, b: Touched | None | bool) -> Touched | None | bool:
    """Two scopes as one: False is nothing, None everything, else the documents of both.

    >>> merged(False, Touched(["a"])) == {"a"}, merged(Touched(["a"]), None), merged(False, False)
    (True, None, False)
    """
    if a is None or b is None:
        return None
    if a is False:
        return b
    if b is False:
        return a
    out = Touched()
    out.absorb(a)
    out.absorb(b)
    return out
