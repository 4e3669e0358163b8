"""How the API reaches the graph: one read store per process, opened on first use; a writer
opened only for an upload; ad-hoc Cypher in the query sandbox.

Neo4j: one driver-backed store serves every request (reads run in READ transactions).

LadybugDB: reads go through a database opened read-only, which sees the graph as it was when
it was opened.  Before each request the hub compares the database files' size and mtime with
those it opened (:func:`~policykg.graph.stores.ladybug.file_signature`) and reopens when they
changed -- after an upload through this API, an upload through another worker, or ``policykg
ingest``: at once when a checkpoint rewrote the database file (every writer checkpoints when it
closes), in the background while requests go on reading when a commit only grew the WAL.  Requests read under the readers' gate (:class:`~policykg.graph.stores.filelock.FileRWLock`,
held shared), which a writer holds exclusively only while it commits or checkpoints: a read
waits that out (at most ``open_wait_s``) instead of failing.  Writers -- uploads, ``policykg
ingest``, ``policykg repair`` -- queue on one :class:`~policykg.graph.stores.filelock.WriterLock`.

Ad-hoc Cypher (POST /cypher) never runs in this process: :meth:`StoreHub.sandbox` starts the
query sandbox's worker processes on first use and :meth:`StoreHub.close` ends them, so a query
that crashes, hangs or blows up costs that query alone, and named queries and lookups (on this
process's own read store) never wait behind one.
"""
from __future__ import annotations

import logging
import os
import threading
from contextlib import ExitStack, contextmanager, nullcontext
from typing import Iterator

from ..config import Settings
from ..errors import PolicyKGError, StoreBusyError
from ..graph.stores import GraphStore, open_store, open_writer
from ..graph.stores.filelock import FileRWLock
from ..graph.stores.ladybug import file_signature
from ..graph.stores.sandbox import CypherSandbox

log = logging.getLogger("policykg.api")


class StoreHub:
    """The API's stores, opened lazily (creating the app opens nothing)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._reader: GraphStore | None = None
        self._signature: tuple | None = None
        self._users: dict[int, int] = {}  # id(store) -> requests using it
        self._retired: list[GraphStore] = []  # replaced stores, closed when their last user leaves
        self._open_lock = threading.Lock()
        self.gate = None if settings.neo4j_uri else FileRWLock(settings.db_path)
        self.generation = 0  # bumped whenever the read store is (re)opened; keys caches
        self._caches: dict[str, tuple[int, object]] = {}
        self._cache_lock = threading.Lock()
        self._sandbox: CypherSandbox | None = None
        self._sandbox_lock = threading.Lock()
        self._closed = False
        self._reopening = False

    @property
    def backend(self) -> str:
        return self.settings.backend

    def _checkout(self) -> GraphStore:
        with self._open_lock:
            if self.gate is None:  # Neo4j: one store for the life of the app
                if self._reader is None:
                    self._reader = open_store(self.settings, read_only=True)
                    self.generation += 1
                return self._reader
            sig = file_signature(self.settings.db_path)
            if self._reader is None or sig[0] != self._signature[0]:  # first, or a checkpoint rewrote the file
                self._install(open_store(self.settings, read_only=True), sig)
            elif sig != self._signature and not self._reopening:
                self._reopening = True  # only the WAL grew: see below
                threading.Thread(target=self._reopen, name="policykg-reopen", daemon=True).start()
            self._users[id(self._reader)] = self._users.get(id(self._reader), 0) + 1
            self._close_unused()
            return self._reader

    def _install(self, fresh: GraphStore, sig: tuple) -> None:
        if self._reader is not None:
            self._retired.append(self._reader)
        self._reader, self._signature = fresh, sig
        self.generation += 1
        fresh.hub_generation = self.generation

    def _reopen(self) -> None:
        """Open the database again after commits that only appended to its WAL, while requests go
        on reading the store open now: its file is unchanged, so it still answers with the state it
        opened (replaying a long WAL takes seconds; a checkpoint, which rewrites the file, is met
        by reopening at once instead)."""
        try:
            with self.gate.shared(wait_s=self.settings.open_wait_s):
                sig = file_signature(self.settings.db_path)
                if self._closed or sig[0] != self._signature[0]:
                    return
                fresh = open_store(self.settings, read_only=True)
                with self._open_lock:
                    if self._closed or sig[0] != self._signature[0]:
                        fresh.close()
                        return
                    self._install(fresh, sig)
                    self._close_unused()
        except PolicyKGError as e:  # the next request tries again, and meets the error itself
            log.warning("reopening %s in the background failed: %s", self.settings.db_path, e)
        finally:
            self._reopening = False

    def _checkin(self, store: GraphStore) -> None:
        with self._open_lock:
            self._users[id(store)] -= 1
            self._close_unused()

    def _close_unused(self) -> None:
        for old in [s for s in self._retired if not self._users.get(id(s))]:
            self._retired.remove(old)
            self._users.pop(id(old), None)
            old.close()

    @contextmanager
    def reading(self, wait_s: float | None = None) -> Iterator[GraphStore]:
        """The read store, current with the last finished write (a store replaced while a
        request still uses it is closed when that request ends); a writer's commit or checkpoint
        is waited out at most ``wait_s`` (default ``open_wait_s``), then 503 ``store_busy``."""
        if self.gate is None:
            yield self._checkout()
            return
        exists = os.path.exists(self.settings.db_path)  # (else opening says what is missing: 503)
        wait = self.settings.open_wait_s if wait_s is None else wait_s
        with self.gate.shared(wait_s=wait) if exists else nullcontext():
            store = self._checkout()
            try:
                yield store
            finally:
                self._checkin(store)

    def cached(self, name: str, store: GraphStore, build):
        """``build(store)``, kept until the read store is reopened (LadybugDB only: a Neo4j
        store never reopens, so there nothing is cached and this returns None)."""
        if self.gate is None:
            return None
        gen = getattr(store, "hub_generation", None)
        hit = self._caches.get(name)
        if hit is not None and hit[0] == gen:
            return hit[1]
        with self._cache_lock:
            hit = self._caches.get(name)
            if hit is not None and hit[0] == gen:
                return hit[1]
            value = build(store)
            if gen is not None and (hit is None or gen > hit[0]):  # an older store's value is not kept
                self._caches[name] = (gen, value)
            return value

    def sandbox(self) -> CypherSandbox:
        """The query sandbox for ad-hoc Cypher, its workers started on first use (on Neo4j they
        run each query in a READ transaction with the server-side timeout, and keep a huge
        result out of this process)."""
        with self._sandbox_lock:
            if self._closed:
                raise StoreBusyError("the server is shutting down")
            if self._sandbox is None:
                self._sandbox = CypherSandbox.from_settings(self.settings)
            return self._sandbox

    @contextmanager
    def writing(self, purpose: str = "upload", wait_s: float | None = None) -> Iterator[GraphStore]:
        """A store that may write, once no other writer (in any process) is at work: an upload
        waits at most ``upload_wait_s`` for one, then gives up with 503 ``store_busy``; a
        background finalize (``purpose="finalize"``) waits ``wait_s``."""
        if self.gate is None:
            store = self._checkout()
            store.ensure_schema()
            yield store
            return
        wait, stack = self.settings.upload_wait_s if wait_s is None else wait_s, ExitStack()
        try:
            store = stack.enter_context(open_writer(self.settings, wait_s=wait, purpose=purpose))
        except StoreBusyError as e:
            then = ("nothing was written: try the upload again later" if purpose == "upload" else
                    "the store stays marked for recomputation: the next upload or ingest does it")
            raise StoreBusyError(f"another writer kept the database busy for {wait:g} s ({e.message}); {then}",
                                 waited_s=wait) from e
        with stack:  # closing checkpoints; readers see the new files on their next request
            yield store

    def close(self) -> None:
        with self._sandbox_lock:
            self._closed = True
            if self._sandbox is not None:
                self._sandbox.close()
                self._sandbox = None
        with self._open_lock:
            for s in self._retired + ([self._reader] if self._reader is not None else []):
                s.close()
            self._retired, self._reader, self._users = [], None, {}
