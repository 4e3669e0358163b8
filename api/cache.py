"""GET answers kept until the database changes (LadybugDB).

Between two writes the graph is fixed, so the same GET gets the same answer: this ASGI
middleware keeps successful answers, keyed by path and query string, for as long as the
database state they were made from holds: the files' signature
(:func:`~policykg.graph.stores.ladybug.file_signature`: size and mtime of the database and its
WAL, which every commit and checkpoint changes, whichever process writes) and the read store the
hub has open on them (:attr:`StoreHub.generation`).  A changed state empties the cache.  Entries are bounded in bytes (least recently used go first); ``/health``
always asks the store.  On Neo4j, which other clients may write at any time, nothing is kept.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable

UNCACHED = ("/health",)
UNCACHED_PREFIXES = ("/jobs/",)  # a job's state changes without the database changing
MAX_ENTRY_BYTES = 1024 * 1024


class ResponseCache:
    """ASGI middleware over the app: ``signature()`` names the database state (None: keep nothing)."""

    def __init__(self, app, signature: Callable[[], tuple | None], max_bytes: int):
        self.app, self.signature, self.max_bytes = app, signature, max_bytes
        self.entries: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()
        self.size, self.state = 0, None
        self.hits = self.misses = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] in UNCACHED \
                or scope["path"].startswith(UNCACHED_PREFIXES) or not self.max_bytes:
            return await self.app(scope, receive, send)
        state = self.signature()
        if state is None:
            return await self.app(scope, receive, send)
        if state != self.state:  # a writer committed: every answer may have changed
            self.entries.clear()
            self.size, self.state = 0, state
        key = (scope["path"], scope["query_string"])
        hit = self.entries.get(key)
        if hit is not None:
            self.hits += 1
            self.entries.move_to_end(key)
            await send({"type": "http.response.start", "status": 200, "headers": hit[0]})
            await send({"type": "http.response.body", "body": hit[1]})
            return
        self.misses += 1
        start, chunks = {}, []

        async def keeping_send(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    self._keep(state, key, start["headers"], b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping_send)

    def _keep(self, state: tuple, key: tuple, headers: list, body: bytes) -> None:
        if state != self.state or len(body) > min(MAX_ENTRY_BYTES, self.max_bytes):
            return
        old = self.entries.pop(key, None)  # two requests for it missed at once
        if old is not None:
            self.size -= len(old[1])
        self.entries[key] = (list(headers), body)
        self.size += len(body)
        while self.size > self.max_bytes:
            _, (_, old) = self.entries.popitem(last=False)
            self.size -= len(old)
