"""One JSON error shape for every failure the API can return::

    {"error": {"code": "not_found", "message": "no agency with id ...", "detail": {...}}}

``code`` and the HTTP status come from the :class:`~policykg.errors.PolicyKGError` class
(``code``, ``http_status``); FastAPI's validation errors and Starlette's 404/405 are reshaped
into the same envelope, so a client handles errors in one place.
"""
from __future__ import annotations

import logging
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


async def policykg_error(request: Request, exc: PolicyKGError) -> UnicodeJSONResponse:
    if exc.http_status >= 500:
        log.warning("%s %s -> %s: %s", request.method, request.url.path, exc.code, exc.message)
    return error_response(exc.http_status, exc.code, exc.message, exc.detail or None)


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
