"""How the API reaches the graph: one read store per process, opened on first use, and a
writer opened only for an upload.

Neo4j: one driver-backed store serves every request (reads run in READ transactions).

LadybugDB: reads go through a database opened read-only, which sees the graph as it was when
it was opened.  Before each request the hub compares the database files' size and mtime with
those it opened and reopens when they changed -- after an upload through this API, an upload
through another worker, or ``policykg ingest``.  Writers are serialised by
:class:`.filelock.FileRWLock`, and readers only reopen between writes.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator

from ..config import Settings
from ..graph.stores import GraphStore, open_store
from .filelock import FileRWLock


def file_signature(path: str) -> tuple:
    """What changes when a LadybugDB database is written: size and mtime of it and its WAL."""
    sig = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            sig.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            sig.append(None)
    return tuple(sig)


class StoreHub:
    """The API's stores, opened lazily (creating the app opens nothing)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._reader: GraphStore | None = None
        self._signature: tuple | None = None
        self._users: dict[int, int] = {}  # id(store) -> requests using it
        self._retired: list[GraphStore] = []  # replaced stores, closed when their last user leaves
        self._open_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.lock = None if settings.neo4j_uri else FileRWLock(os.path.abspath(settings.db_path))
        self.generation = 0  # bumped whenever the read store is (re)opened; keys caches
        self._caches: dict[str, tuple[int, object]] = {}
        self._cache_lock = threading.Lock()

    @property
    def backend(self) -> str:
        return self.settings.backend

    def _checkout(self) -> GraphStore:
        with self._open_lock:
            if self.lock is None:  # Neo4j: one store for the life of the app
                if self._reader is None:
                    self._reader = open_store(self.settings, read_only=True)
                    self.generation += 1
                return self._reader
            sig = file_signature(self.settings.db_path)
            if self._reader is None or sig != self._signature:
                fresh = open_store(self.settings, read_only=True)
                if self._reader is not None:
                    self._retired.append(self._reader)
                self._reader, self._signature = fresh, sig
                self.generation += 1
                fresh.hub_generation = self.generation
            self._users[id(self._reader)] = self._users.get(id(self._reader), 0) + 1
            self._close_unused()
            return self._reader

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
    def reading(self) -> Iterator[GraphStore]:
        """The read store, current with the last finished write (a store replaced while a
        request still uses it is closed when that request ends)."""
        if self.lock is None:
            yield self._checkout()
            return
        with self.lock.shared():
            store = self._checkout()
            try:
                yield store
            finally:
                self._checkin(store)

    def cached(self, name: str, store: GraphStore, build):
        """``build(store)``, kept until the read store is reopened (LadybugDB only: a Neo4j
        store never reopens, so there nothing is cached and this returns None)."""
        if self.lock is None:
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

    @contextmanager
    def writing(self) -> Iterator[GraphStore]:
        """A store that may write, held by one writer at a time across processes."""
        with self._write_lock:
            if self.lock is None:
                store = self._checkout()
                store.ensure_schema()
                yield store
                return
            with self.lock.exclusive():
                store = open_store(self.settings, read_only=False)
                try:
                    yield store
                finally:
                    store.close()  # checkpoints; readers see the new files on their next request

    def close(self) -> None:
        with self._open_lock:
            for s in self._retired + ([self._reader] if self._reader is not None else []):
                s.close()
            self._retired, self._reader, self._users = [], None, {}
