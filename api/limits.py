"""Refuse oversized request bodies before they are parsed or spooled to disk."""
from __future__ import annotations

from typing import Callable

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
