"""Stores: one interface (:class:`.base.GraphStore`), one implementation per database.

:func:`open_store` picks the store from the settings: Neo4j when a URI is given, the
embedded LadybugDB otherwise.  Each store loads its driver when first opened, so importing
policykg never opens or even loads a database driver.
"""
from __future__ import annotations

from ...config import Settings
from .base import GraphStore, Result, Stats
from .ladybug import LadybugStore
from .neo4j import Neo4jStore


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Open the store the settings name, with its schema in place (unless read-only)."""
    if settings.neo4j_uri:
        store: GraphStore = Neo4jStore(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password,
                                       database=settings.neo4j_database)
    else:
        store = LadybugStore(settings.db_path, read_only=read_only)
    if not read_only:
        store.ensure_schema()
    return store


__all__ = ["GraphStore", "Result", "Stats", "open_store"]
