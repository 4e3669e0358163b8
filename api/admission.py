"""Bounds on the requests that cost the most -- ad-hoc Cypher, network views, uploads -- so that
they never make /health or the lookups wait.

Each kind has a number of places per API worker process.  A request that finds them taken is
answered at once with 503 ``server_busy`` and ``Retry-After`` (it holds no thread while it
would wait), and one that gets a place runs in threads of its own (an anyio limiter per kind),
never in the threadpool the other routes share.  After a view or an upload the C allocator is
asked to give freed memory back to the system (``malloc_trim``), so one large page does not
stay in the process.
"""
from __future__ import annotations

import ctypes
import sys
from contextlib import asynccontextmanager
from typing import AsyncIterator, Callable, TypeVar

import anyio.to_thread
from anyio import CapacityLimiter

from ..errors import ServerBusyError

T = TypeVar("T")
RETRY_AFTER_S = 2


def give_back_memory() -> None:
    """Return the heap's free pages to the system (glibc; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):
            pass


class Bound:
    """At most ``size`` requests of one kind at once in this process; the rest get 503 at once."""

    def __init__(self, kind: str, size: int, *, trim: bool = False):
        self.kind, self.size, self.trim = kind, max(1, size), trim
        self.active = 0
        self.limiter = CapacityLimiter(self.size)

    @asynccontextmanager
    async def place(self) -> AsyncIterator[None]:
        """Hold one place (only the event loop touches ``active``: no lock needed)."""
        if self.active >= self.size:
            raise ServerBusyError(f"the server is running as many {self.kind} as it allows at once "
                                  f"({self.size}); try again in a few seconds", kind=self.kind, limit=self.size,
                                  retry_after_s=RETRY_AFTER_S)
        self.active += 1
        try:
            yield
        finally:
            self.active -= 1

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in this kind's own threads, once a place was had."""
        async with self.place():
            try:
                return await anyio.to_thread.run_sync(fn, limiter=self.limiter)
            finally:
                if self.trim:
                    await anyio.to_thread.run_sync(give_back_memory, limiter=self.limiter)


class Bounds:
    """The bounds of one app (``app.state.bounds``)."""

    def __init__(self, settings):
        self.cypher = Bound("ad-hoc queries", settings.sandbox_workers + settings.cypher_queue)
        self.views = Bound("network views", settings.view_concurrency, trim=True)
        self.uploads = Bound("uploads", settings.upload_concurrency, trim=True)
