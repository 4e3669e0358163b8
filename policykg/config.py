"""Settings in one place: every command, the API and the tests read them from here.

Values come from the environment (``POLICYKG_DB``, ``NEO4J_URI`` ...) and can be
overridden by command-line options.  Nothing here opens a connection.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

DEFAULT_DB = "./policykg.db"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # larger inputs are refused with a clear error


@dataclass(frozen=True)
class Settings:
    db_path: str = DEFAULT_DB
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: str = "neo4j"
    neo4j_database: str | None = None
    api_key: str | None = None
    query_timeout_s: float = 10.0
    query_row_limit: int = 5000
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    viz_node_cap: int = 2000

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    def with_overrides(self, **kw) -> "Settings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


def _float(name: str, default: float) -> float:
    v = os.environ.get(name)
    return float(v) if v else default


def _int(name: str, default: int) -> int:
    v = os.environ.get(name)
    return int(v) if v else default


def load_settings(**overrides) -> Settings:
    """Read settings from the environment, then apply explicit overrides (CLI options)."""
    env = os.environ
    s = Settings(
        db_path=env.get("POLICYKG_DB", DEFAULT_DB),
        neo4j_uri=env.get("NEO4J_URI") or None,
        neo4j_user=env.get("NEO4J_USER", "neo4j"),
        neo4j_password=env.get("NEO4J_PASSWORD", "neo4j"),
        neo4j_database=env.get("NEO4J_DATABASE") or None,
        api_key=env.get("POLICYKG_API_KEY") or None,
        query_timeout_s=_float("POLICYKG_QUERY_TIMEOUT", 10.0),
        query_row_limit=_int("POLICYKG_QUERY_ROW_LIMIT", 5000),
        max_document_bytes=_int("POLICYKG_MAX_DOCUMENT_BYTES", MAX_DOCUMENT_BYTES),
        viz_node_cap=_int("POLICYKG_VIZ_NODE_CAP", 2000),
    )
    return s.with_overrides(**overrides)

