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


class QueryTimeoutError(QueryError):
    http_status = 408
    code = "query_timeout"


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
