"""The HTTP protocol ``policykg serve`` runs: uvicorn's (httptools), with a bound on the request
line and headers.

httptools accepts headers of any size and gathers a long one by repeated concatenation: one
300 MB header held a worker's event loop for 110 s.  Here the bytes of a request's head are
counted as they arrive; past ``POLICYKG_MAX_HEADER_BYTES`` (64 KB) the answer is 431 in the
API's error shape and the connection is closed, before the parser sees more.  (uvicorn's h11
protocol has its own bound, ``h11_max_incomplete_event_size``, set to the same number.)
"""
from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ..config import max_header_bytes
from .errors import error_body
from .responses import dumps


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a limit on each request's head."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_head = max_header_bytes()
        self.in_head, self.head_bytes = True, 0

    def data_received(self, data: bytes) -> None:
        """Refuse a head already over the limit before parsing more of it; a chunk that ends the
        head (and may carry the body after it) is parsed first, then judged."""
        if self.in_head:
            if self.head_bytes > self.max_head:
                self.refuse_head()
                return
            self.head_bytes += len(data)
        super().data_received(data)
        if self.in_head and self.head_bytes > self.max_head:
            self.refuse_head()

    def on_headers_complete(self) -> None:
        self.in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.in_head, self.head_bytes = True, 0

    def refuse_head(self) -> None:
        if self.transport.is_closing():
            return
        body = dumps(error_body("headers_too_large", f"the request line and headers are over the limit of "
                                f"{self.max_head} bytes", {"limit": self.max_head}))
        self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json; "
                             b"charset=utf-8\r\ncontent-length: " + str(len(body)).encode() +
                             b"\r\nconnection: close\r\n\r\n" + body)
        self.transport.close()
