"""A readers-writer lock between processes, on lock files beside the database.

LadybugDB 0.22 takes no lock of its own: measured here, a second process can open a database
for writing while another reads it, and a read-only connection keeps the snapshot it opened
with.  The API therefore serialises writers itself and lets readers reopen only between
writes.  ``flock`` has no writer preference, so a writer first closes a turnstile that new
readers pass on their way in; a stream of reads cannot starve an upload.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from typing import Iterator


class FileRWLock:
    """Shared (read) and exclusive (write) sections keyed by ``path``.

    >>> import tempfile, os
    >>> lock = FileRWLock(os.path.join(tempfile.mkdtemp(), "g.db"))
    >>> with lock.shared():
    ...     with lock.shared():  # readers share
    ...         pass
    >>> with lock.exclusive():
    ...     pass
    """

    def __init__(self, path: str):
        self.main = f"{path}.policykg-lock"
        self.gate = f"{path}.policykg-gate"

    @staticmethod
    def _open(name: str) -> int | None:
        try:
            return os.open(name, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a read-only directory: no writer can work there either
            return None

    @contextmanager
    def shared(self) -> Iterator[None]:
        gate, main = self._open(self.gate), self._open(self.main)
        try:
            if gate is not None:
                fcntl.flock(gate, fcntl.LOCK_SH)  # waits while a writer is queued or writing
            if main is not None:
                fcntl.flock(main, fcntl.LOCK_SH)
            if gate is not None:
                fcntl.flock(gate, fcntl.LOCK_UN)
            yield
        finally:
            for fd in (main, gate):
                if fd is not None:
                    os.close(fd)  # closing drops the lock

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        gate, main = self._open(self.gate), self._open(self.main)
        try:
            if gate is not None:
                fcntl.flock(gate, fcntl.LOCK_EX)  # no new readers from here on
            if main is not None:
                fcntl.flock(main, fcntl.LOCK_EX)  # wait for readers already inside
            yield
        finally:
            for fd in (main, gate):
                if fd is not None:
                    os.close(fd)
