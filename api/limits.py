"""Refuse requests before their bodies are read: oversized bodies, uploads without the key or
beyond the uploads allowed at once; and the security headers every answer carries."""
from __future__ import annotations

import hmac
from typing import Callable

from ..errors import ApiKeyError, PolicyKGError, UploadsDisabledError
from .errors import error_body
from .responses import dumps

JSON_BODY_BYTES = 1024 * 1024  # /cypher and /queries bodies; uploads get their own limit
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the small form fields beside the file


class _TooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: a body over ``limit_for(scope)`` bytes gets 413 in the API's error shape,
    from the Content-Length header when there is one, else as the bytes arrive."""

    def __init__(self, app, limit_for: Callable[[dict], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return await self._refuse(send, limit)
        seen, started, over = 0, False, False

        async def limited_receive():
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    over = True
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if over:  # whatever the app made of the interrupted body, the answer is 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            pass
        if over and not started:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send, limit: int):
        body = dumps(error_body("too_large", f"request body over the limit of {limit} bytes", {"limit": limit}))
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


async def refuse(send, err: PolicyKGError) -> None:
    """Answer ``err`` in the API's error shape without reading the request body (the server then
    closes the connection rather than read what the client is still sending)."""
    body = dumps(error_body(err.code, err.message, err.detail or None))
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    if (err.detail or {}).get("retry_after_s"):
        headers.append((b"retry-after", str(err.detail["retry_after_s"]).encode()))
    await send({"type": "http.response.start", "status": err.http_status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def key_error(api_key: str | None, sent: bytes | None) -> PolicyKGError | None:
    """Why an upload with header X-API-Key ``sent`` is refused, if it is.

    >>> key_error(None, b"x").code, key_error("k", None).code, key_error("k", b"k")
    ('uploads_disabled', 'bad_api_key', None)
    """
    if not api_key:
        return UploadsDisabledError("uploads are disabled: start the server with POLICYKG_API_KEY set "
                                    "and send that key in the X-API-Key header")
    if not sent or not hmac.compare_digest(sent, api_key.encode()):
        return ApiKeyError("missing or wrong X-API-Key header: uploads need the key the server was started "
                           "with ($POLICYKG_API_KEY)", header="X-API-Key")
    return None


class UploadGate:
    """ASGI middleware for ``POST /documents``: the key is checked from the headers, and a place
    among the uploads allowed at once is taken, before one byte of the body is read; the place
    is held until the answer is sent."""

    def __init__(self, app, api_key: Callable[[], str | None], bound):
        self.app, self.api_key, self.bound = app, api_key, bound

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope.get("path", "").rstrip("/") != "/documents":
            return await self.app(scope, receive, send)
        err = key_error(self.api_key(), dict(scope.get("headers") or []).get(b"x-api-key"))
        if err is not None:
            return await refuse(send, err)
        try:
            async with self.bound.place():
                await self.app(scope, receive, send)
        except PolicyKGError as e:  # no place: nothing was read
            await refuse(send, e)


CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'self'")
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN"),
                    (b"referrer-policy", b"no-referrer"), (b"cross-origin-opener-policy", b"same-origin")]


class SecurityHeaders:
    """ASGI middleware: nosniff, no framing by other sites (the search page frames the views, so
    ``frame-ancestors 'self'`` and SAMEORIGIN), no referrer on every answer; the content security
    policy ``CSP`` on HTML pages (scripts and styles only from this server's own files: the pages
    have no inline script or style), ``csp_for(path)`` naming exceptions (ReDoc's styles)."""

    def __init__(self, app, csp_for: Callable[[str], str] = lambda path: CSP):
        self.app, self.csp_for = app, csp_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in dict(SECURITY_HEADERS)]
                headers += SECURITY_HEADERS
                ctype = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                if ctype.startswith(b"text/html"):
                    headers.append((b"content-security-policy", self.csp_for(scope.get("path", "")).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
