"""One JSON error shape for every failure the API can return::

    {"error": {"code": "not_found", "message": "no agency with id ...", "detail": {...}}}

``code`` and the HTTP status come from the :class:`~policykg.errors.PolicyKGError` class
(``code``, ``http_status``); FastAPI's validation errors and Starlette's 404/405 are reshaped
into the same envelope, so a client handles errors in one place.
"""
from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import PolicyKGError
from .responses import UnicodeJSONResponse

log = logging.getLogger("policykg.api")

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type",
              422: "bad_parameter", 429: "too_many_requests", 503: "unavailable"}


def error_body(code: str, message: str, detail: Any = None) -> dict:
    """The envelope.

    >>> error_body("not_found", "no agency with id 'x'")
    {'error': {'code': 'not_found', 'message': "no agency with id 'x'", 'detail': None}}
    """
    return {"error": {"code": code, "message": message, "detail": detail}}


def error_response(status: int, code: str, message: str, detail: Any = None, headers=None) -> UnicodeJSONResponse:
    return UnicodeJSONResponse(error_body(code, message, detail), status_code=status, headers=headers)


def describe_validation(errors: list[dict]) -> tuple[str, list[dict]]:
    """A one-line message naming each bad parameter, and the problems as plain records.

    >>> describe_validation([{"loc": ("query", "limit"), "msg": "Input should be less than or equal to 500",
    ...                       "input": "900", "type": "less_than_equal"}])[0]
    'query parameter limit: Input should be less than or equal to 500 (got 900)'
    """
    parts, records = [], []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) or where
        place = {"query": "query parameter", "path": "path parameter", "body": "body field",
                 "header": "header", "cookie": "cookie"}.get(where, where)
        got = e.get("input")
        shown = "" if got is None or isinstance(got, (dict, list)) else f" (got {str(got)[:80]})"
        parts.append(f"{place} {name}: {e.get('msg', 'invalid')}{shown}")
        records.append({"in": where, "name": name, "message": e.get("msg"), "type": e.get("type")})
    return "; ".join(parts) or "invalid request", records


PIDS = re.compile(r"(?i)\b(pid|process)\s*:?\s*\d+|/proc/\d+")


def scrub(value: Any, roots: list[tuple[str, str]]) -> Any:
    """``value`` (text, or the texts in a detail) without the server's paths and process ids:
    each root becomes what it stands for (the database's directory ``<database>``, the temporary
    directory ``<tmp>``), a pid ``pid *``.

    >>> scrub({"m": "IO exception: Cannot open /srv/x/graph.db.wal (pid 4242)", "n": 3},
    ...       [("/srv/x", "<database>")])
    {'m': 'IO exception: Cannot open <database>/graph.db.wal (pid *)', 'n': 3}
    """
    if isinstance(value, str):
        for root, name in roots:
            value = value.replace(root, name)
        return PIDS.sub(lambda m: f"{m.group(1) or 'proc'} *" if m.group(1) else "/proc/*", value)
    if isinstance(value, dict):
        return {k: scrub(v, roots) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v, roots) for v in value]
    return value


def server_paths(settings) -> list[tuple[str, str]]:
    """The server's own directories, longest first, and what an error says instead."""
    db_dir = os.path.dirname(os.path.abspath(settings.db_path))
    roots = {db_dir: "<database>", os.path.realpath(db_dir): "<database>", tempfile.gettempdir(): "<tmp>",
             os.path.realpath(tempfile.gettempdir()): "<tmp>", os.getcwd(): ".", sys.prefix: "<python>",
             sys.base_prefix: "<python>", os.path.expanduser("~"): "~"}
    return sorted(((r, n) for r, n in roots.items() if len(r) > 1), key=lambda x: -len(x[0]))


async def policykg_error(request: Request, exc: PolicyKGError) -> UnicodeJSONResponse:
    if exc.http_status >= 500:
        log.warning("%s %s -> %s: %s", request.method, request.url.path, exc.code, exc.message)
    roots = server_paths(request.app.state.settings)
    retry = (exc.detail or {}).get("retry_after_s")
    headers = {"Retry-After": str(retry)} if retry else None
    return error_response(exc.http_status, exc.code, scrub(exc.message, roots), scrub(exc.detail or None, roots),
                          headers)


async def validation_error(request: Request, exc: RequestValidationError) -> UnicodeJSONResponse:
    message, records = describe_validation(list(exc.errors()))
    return error_response(422, "bad_parameter", message, {"errors": records})


async def http_error(request: Request, exc: StarletteHTTPException) -> UnicodeJSONResponse:
    code = HTTP_CODES.get(exc.status_code, "http_error")
    message = exc.detail if isinstance(exc.detail, str) else code
    if exc.status_code == 404 and message == "Not Found":
        message = f"no endpoint {request.method} {request.url.path}: the endpoints are listed at /docs"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(exc.status_code, code, message, None, getattr(exc, "headers", None))


async def unexpected_error(request: Request, exc: Exception) -> UnicodeJSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "internal error: the server log has the details")


def install(app: FastAPI) -> None:
    """Route every error through the envelope."""
    app.add_exception_handler(PolicyKGError, policykg_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
