"""Settings in one place: every command, the API and the tests read them from here.

Values come from the environment (``POLICYKG_DB``, ``NEO4J_URI`` ...) and can be
overridden by command-line options.  Nothing here opens a connection.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

DEFAULT_DB = "./policykg.db"
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # larger inputs are refused with a clear error
# text a document may have once decoded, unzipped or cleaned: 40x the longest real policy document
# seen (~25k characters), extracted in a few seconds; longer texts are refused with a clear error
MAX_TEXT_CHARS = 1_000_000
MIN_FREE_MB = 64  # a write needs this much free disk (plus twice the WAL) before it starts
# LadybugDB's buffer pool: enough for the working set of a load, finalize or named query on a
# graph of millions of rows (docs/bulk-load.md: memory), and what keeps a process's memory flat
DEFAULT_BUFFER_POOL_MB = 1024


@dataclass(frozen=True)
class ReadLimits:
    """What one input document may weigh: its file in bytes, its text in characters."""

    max_bytes: int = MAX_DOCUMENT_BYTES
    max_chars: int = MAX_TEXT_CHARS


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
    max_text_chars: int = MAX_TEXT_CHARS
    viz_node_cap: int = 2000  # nodes a view draws unless it asks for another number
    viz_max_nodes: int = 5000  # the most a view may ask for (max_nodes); more is 400 over_limit
    # what may run at once per API worker; more gets 503 server_busy with Retry-After at once
    cypher_queue: int = 2  # ad-hoc queries that may wait for a sandbox worker, beyond one running per worker
    view_concurrency: int = 2
    upload_concurrency: int = 2
    max_header_bytes: int = 64 * 1024  # request line and headers; more is 431 and the connection closed
    max_param_depth: int = 20  # nesting of ad-hoc query parameters (lists, maps)
    max_param_items: int = 100_000  # values in ad-hoc query parameters, all levels together
    response_cache_mb: int = 64  # GET answers kept per API worker until the database changes (0: none)
    # ad-hoc Cypher on LadybugDB runs in a pool of sandbox processes (graph/stores/sandbox.py)
    sandbox_workers: int = 2
    sandbox_memory_mb: int = 1024  # address space a query may use beyond the opened database
    sandbox_buffer_pool_mb: int = 256
    sandbox_threads: int = 1  # LadybugDB threads per sandboxed query
    sandbox_wait_s: float = 10.0  # how long a query waits for a free worker
    max_result_bytes: int = 16 * 1024 * 1024  # pickled size of the rows a query may return
    # one writer at a time, and readers that wait out a checkpoint (graph/stores/filelock.py)
    write_wait_s: float | None = None  # None: a writer waits as long as it takes (policykg ingest)
    upload_wait_s: float = 30.0  # how long an upload waits for another writer before answering 503
    open_wait_s: float = 30.0  # how long opening LadybugDB waits out a checkpoint or another writer
    health_wait_s: float = 2.0  # how long /health waits for a writer's commit before answering 503
    min_free_mb: int = MIN_FREE_MB  # free disk a LadybugDB write needs before it starts (plus twice its WAL)
    # the embedded store's page cache (LadybugDB buffer pool) per open database; 0: LadybugDB's own
    # default (80% of the machine's memory, which a long load then fills)
    buffer_pool_mb: int = DEFAULT_BUFFER_POOL_MB
    # the largest write transaction of a load (rows; the loader's groups grow with the database up
    # to it): what a load holds in memory at once besides the store's page cache; None: the store's
    max_transaction_rows: int | None = None

    @property
    def read_limits(self) -> ReadLimits:
        return ReadLimits(self.max_document_bytes, self.max_text_chars)

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    def with_overrides(self, **kw) -> "Settings":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


def _float(name: str, default: float | None) -> float | None:
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
        max_text_chars=_int("POLICYKG_MAX_TEXT_CHARS", MAX_TEXT_CHARS),
        viz_node_cap=_int("POLICYKG_VIZ_NODE_CAP", 2000),
        viz_max_nodes=_int("POLICYKG_VIZ_MAX_NODES", 5000),
        cypher_queue=_int("POLICYKG_CYPHER_QUEUE", 2),
        view_concurrency=_int("POLICYKG_VIEW_CONCURRENCY", 2),
        upload_concurrency=_int("POLICYKG_UPLOAD_CONCURRENCY", 2),
        max_header_bytes=max_header_bytes(),
        max_param_depth=_int("POLICYKG_MAX_PARAM_DEPTH", 20),
        max_param_items=_int("POLICYKG_MAX_PARAM_ITEMS", 100_000),
        response_cache_mb=_int("POLICYKG_RESPONSE_CACHE_MB", 64),
        sandbox_workers=_int("POLICYKG_SANDBOX_WORKERS", 2),
        sandbox_memory_mb=_int("POLICYKG_SANDBOX_MEMORY_MB", 1024),
        sandbox_buffer_pool_mb=_int("POLICYKG_SANDBOX_BUFFER_POOL_MB", 256),
        sandbox_threads=_int("POLICYKG_SANDBOX_THREADS", 1),
        sandbox_wait_s=_float("POLICYKG_SANDBOX_WAIT", 10.0),
        max_result_bytes=_int("POLICYKG_MAX_RESULT_BYTES", 16 * 1024 * 1024),
        write_wait_s=_float("POLICYKG_WRITE_WAIT", None),
        upload_wait_s=_float("POLICYKG_UPLOAD_WAIT", 30.0),
        open_wait_s=_float("POLICYKG_OPEN_WAIT", 30.0),
        health_wait_s=_float("POLICYKG_HEALTH_WAIT", 2.0),
        min_free_mb=_int("POLICYKG_MIN_FREE_MB", MIN_FREE_MB),
        buffer_pool_mb=_int("POLICYKG_BUFFER_POOL_MB", DEFAULT_BUFFER_POOL_MB),
        max_transaction_rows=_int("POLICYKG_MAX_TRANSACTION_ROWS", 0) or None,
    )
    return s.with_overrides(**overrides)


def max_header_bytes() -> int:
    """``POLICYKG_MAX_HEADER_BYTES`` (64 KB): read by the HTTP protocol of each connection."""
    return _int("POLICYKG_MAX_HEADER_BYTES", 64 * 1024)


def read_limits() -> ReadLimits:
    """The input limits of the environment (``POLICYKG_MAX_DOCUMENT_BYTES``, ``POLICYKG_MAX_TEXT_CHARS``):
    read per document, so only these two variables (the whole of :func:`load_settings` is 20x dearer)."""
    return ReadLimits(_int("POLICYKG_MAX_DOCUMENT_BYTES", MAX_DOCUMENT_BYTES),
                      _int("POLICYKG_MAX_TEXT_CHARS", MAX_TEXT_CHARS))
