"""Stores: one interface (:class:`.base.GraphStore`), one implementation per database.

:func:`open_store` picks the store from the settings: Neo4j when a URI is given, the
embedded LadybugDB otherwise.  Each store loads its driver when first opened, so importing
policykg never opens or even loads a database driver.

- :mod:`.base`            the interface every store implements, and the statements they share
- :mod:`.ladybug`         the embedded default store (LadybugDB, on disk, no server)
- :mod:`.ladybug_bulk`    LadybugDB's bulk loader (``COPY ... FROM`` Arrow tables)
- :mod:`.neo4j`           the server store (Neo4j 5 over Bolt)
- :mod:`.filelock`        one writer at a time beside a LadybugDB database, readers kept out of commits
- :mod:`.sandbox`         ad-hoc Cypher in a pool of worker processes (:mod:`.sandbox_worker`),
  each shut out of files, the network and system calls it does not need (:mod:`.confine`)

A Neo4j server to test against is started by :mod:`policykg.servers.neo4j`, not here.
"""
from __future__ import annotations

import os
from contextlib import ExitStack, contextmanager
from typing import Iterator

from ...config import Settings
from .base import GraphStore, Result, Stats
from .filelock import FileRWLock, Progress, WriterLock
from .ladybug import LadybugStore
from .neo4j import Neo4jStore


def open_store(settings: Settings, *, read_only: bool = False, gated: bool = False) -> GraphStore:
    """Open the store the settings name, with its schema in place (unless read-only).

    A LadybugDB reader waits up to ``settings.open_wait_s`` for another process's write or
    checkpoint (writers queue on :class:`.filelock.WriterLock` before they open);
    ``gated``: a writer commits under the readers' gate (:class:`.filelock.FileRWLock`)."""
    if settings.neo4j_uri:
        store: GraphStore = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                                       database=settings.neo4j_database)
    else:
        store = LadybugStore(settings.db_path, read_only=read_only,
                             wait_s=settings.open_wait_s if read_only else None,
                             gate=FileRWLock(settings.db_path) if gated else None, min_free_mb=settings.min_free_mb,
                             buffer_pool_mb=settings.buffer_pool_mb)
    if settings.max_transaction_rows:
        store.max_transaction_rows = max(settings.max_transaction_rows, store.transaction_rows)
    if not read_only:
        store.ensure_schema()
    return store


@contextmanager
def open_writer(settings: Settings, *, wait_s: float | None = None, progress: Progress | None = None,
                purpose: str = "write") -> Iterator[GraphStore]:
    """The store, open for writing by the one writer at a time.

    LadybugDB: first wait (at most ``wait_s`` seconds, None: as long as it takes; ``progress``
    every few seconds) until no other process writes -- ``policykg ingest``, an upload and
    ``policykg repair`` all queue on the same :class:`.filelock.WriterLock` -- then open it to
    commit under the readers' gate, so readers never see a commit or checkpoint half done.
    Neo4j serialises writers itself."""
    with ExitStack() as stack:
        if not settings.neo4j_uri:
            stack.enter_context(WriterLock(settings.db_path).hold(wait_s=wait_s, progress=progress, purpose=purpose))
        store = open_store(settings, gated=True)
        stack.callback(store.close)
        yield store


@contextmanager
def open_reader(settings: Settings) -> Iterator[GraphStore]:
    """The store, open read-only for a command's reads.  LadybugDB: read under the readers' gate
    (:class:`.filelock.FileRWLock`), waiting out a writer's commit or checkpoint (at most
    ``settings.open_wait_s``) instead of failing or reading files being rewritten."""
    with ExitStack() as stack:
        if not settings.neo4j_uri and os.path.exists(settings.db_path):  # (else opening says what is missing)
            stack.enter_context(FileRWLock(settings.db_path).shared(wait_s=settings.open_wait_s))
        store = open_store(settings, read_only=True)
        stack.callback(store.close)
        yield store


__all__ = ["GraphStore", "Result", "Stats", "open_reader", "open_store", "open_writer"]
