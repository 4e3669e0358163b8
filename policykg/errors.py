"""One exception root for the whole tool, with specific subclasses.

Every error a user can cause carries a message that names the file, the query or the
value at fault.  Driver errors are translated at the store boundary (``raise ... from``),
so callers never see ladybug or neo4j exception types.  The API maps each class to an
HTTP status (``http_status``) and renders one JSON error shape.
"""
from __future__ import annotations


class PolicyKGError(Exception):
    """Root of every error policykg raises on purpose."""

    http_status = 500
    code = "internal_error"

    def __init__(self, message: str, **detail):
        super().__init__(message)
        self.message = message
        self.detail = detail


# --- input documents -------------------------------------------------------------------
class InputError(PolicyKGError):
    """A document cannot be read or is not a policy document we can handle."""

    http_status = 422
    code = "bad_document"

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}", path=str(path), reason=reason)
        self.path = str(path)
        self.reason = reason


class EmptyDocumentError(InputError):
    code = "empty_document"


class BinaryDocumentError(InputError):
    code = "binary_document"


class DecodeError(InputError):
    code = "undecodable_document"


class CorruptDocumentError(InputError):
    code = "corrupt_document"


class DocumentTooLargeError(InputError):
    code = "document_too_large"
    http_status = 413


class UnsupportedFormatError(InputError):
    code = "unsupported_format"
    http_status = 415


class ManifestError(InputError):
    code = "bad_manifest"


# --- stores and queries ----------------------------------------------------------------
class ShardError(InputError):
    """A shard directory (``policykg extract --out``) is incomplete, or a file differs from its manifest."""

    code = "bad_shards"


class StoreError(PolicyKGError):
    """The graph store failed (connection, schema, transaction)."""

    http_status = 503
    code = "store_error"


class StoreUnavailableError(StoreError):
    code = "store_unavailable"


class QueryError(PolicyKGError):
    """A query is malformed or was given the wrong parameters."""

    http_status = 400
    code = "bad_query"


class UnknownQueryError(QueryError):
    http_status = 404
    code = "unknown_query"


class ParameterError(QueryError):
    http_status = 422
    code = "bad_parameter"


class ReadOnlyViolationError(QueryError):
    http_status = 403
    code = "write_refused"


class LimitError(QueryError):
    """A request over one of the server's bounds (a view's nodes or depth, the depth or size of
    query parameters): refused before any work, naming the bound."""

    http_status = 400
    code = "over_limit"


class QueryTimeoutError(QueryError):
    http_status = 408
    code = "query_timeout"


# --- ad-hoc Cypher: refused before it runs (queries/guard.py) ----------------------------
class CypherRefusedError(QueryError):
    """Ad-hoc Cypher the read-only guard does not accept; ``reason`` names the rule it broke and
    ``detail`` carries it with the line and column of the offending token."""

    http_status = 400
    code = "cypher_refused"
    reason = "refused"

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None, **detail):
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(message + where, reason=self.reason, line=line, column=column, **detail)


class CypherSyntaxError(CypherRefusedError):
    """Text the guard cannot read as Cypher: unterminated string, unbalanced bracket, stray token."""

    code = "bad_query"
    reason = "syntax"


class ClauseRefusedError(CypherRefusedError):
    """A clause a read query does not need: CALL (procedures and settings), LOAD/COPY/EXPORT/IMPORT
    (files), INSTALL/UPDATE/ATTACH/USE (extensions, databases), BEGIN/COMMIT/CHECKPOINT ..."""

    def __init__(self, message: str, *, reason: str, **kw):
        self.reason = reason
        super().__init__(message, **kw)


class WriteRefusedError(CypherRefusedError, ReadOnlyViolationError):
    """CREATE, MERGE, SET, DELETE, REMOVE, DROP, ALTER ...: ad-hoc Cypher never writes.  Kept at
    403 ``write_refused``, the answer POST /cypher has always given to a write."""

    http_status = 403
    code = "write_refused"
    reason = "write_clause"


class CommentRefusedError(CypherRefusedError):
    """A comment in ad-hoc Cypher: refused, so that no reading of where it ends can differ from
    the engine's (``/* **/`` does not end a LadybugDB comment)."""

    reason = "comment"


class MultipleStatementsError(CypherRefusedError):
    reason = "multiple_statements"


class NestingTooDeepError(CypherRefusedError):
    """Deep nesting overflows LadybugDB's recursive parser (tools/repro/nested_parentheses.py),
    and nested CASE takes time exponential in its depth."""

    reason = "nesting_too_deep"


class CypherTooLongError(CypherRefusedError):
    reason = "too_long"


# --- ad-hoc Cypher: what running it cost (graph/stores/sandbox.py) ------------------------
class QueryCrashedError(QueryError):
    """The query killed the process that ran it (a database engine bug); nothing else was hurt."""

    code = "query_crashed"


class ResultTooLargeError(QueryError):
    """The result, or the memory the query needed, went over the sandbox's cap."""

    code = "result_too_large"


class SandboxBusyError(StoreUnavailableError):
    """Every sandbox worker stayed busy with other queries for longer than a query may wait."""

    code = "sandbox_busy"


class ServerBusyError(StoreUnavailableError):
    """As many requests of one kind (ad-hoc Cypher, views, uploads) are running as the server
    allows at once: answered at once with 503 and ``Retry-After`` instead of queueing."""

    code = "server_busy"


class DiskFullError(StoreError):
    """The disk holding the database (or a temporary file) is full: nothing was written."""

    code = "disk_full"


class StoreBusyError(StoreUnavailableError):
    """Another writer held the database for longer than this one was willing to wait."""

    code = "store_busy"


class NotFoundError(PolicyKGError):
    """An id or name that names nothing in the graph."""

    http_status = 404
    code = "not_found"


# --- API access --------------------------------------------------------------------------
class ApiKeyError(PolicyKGError):
    """A request that needs the server's API key came without it, or with another."""

    http_status = 401
    code = "bad_api_key"


class UploadsDisabledError(PolicyKGError):
    """Uploads were asked for, but the server was started without an API key."""

    http_status = 403
    code = "uploads_disabled"
