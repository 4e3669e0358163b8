"""Locks between processes on files beside a LadybugDB database: one writer at a time, and a
gate that keeps readers out of the files while a writer commits or checkpoints.

What LadybugDB 0.22 does by itself (measured): a writer holds a POSIX lock on the database
file, so a second writer fails at once ("Could not set lock on file ... Lock is held by PID
n") instead of waiting; read-only opens are never locked out, but one made while a writer
checkpoints fails ("Cannot open database in read-only mode while checkpoint recovery is
pending"), one made while a transaction is being written to the WAL fails its checksum unless
WAL replay errors are ignored, and a read-only database left open across a writer's
checkpoints can answer wrongly (an index lookup that found a key found nothing after three
checkpoints).  Hence two locks:

- :class:`WriterLock`, held for a whole write session (``policykg ingest``, an upload, a
  repair): writers queue instead of failing, and a waiting one can report progress and give up
  after ``wait_s`` (:class:`~policykg.errors.StoreBusyError`).
- :class:`FileRWLock`, the gate: readers hold it shared while they read, a writer holds it
  exclusively while it commits or checkpoints.  ``flock`` has no writer preference, so a writer
  first closes a turnstile that new readers pass on their way in; a stream of reads cannot
  starve it.

Both use ``flock``, which the kernel drops when the process dies (kill -9 included).
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from ...errors import StoreBusyError

Progress = Callable[[float, str], None]  # (seconds waited so far, who holds the lock)
PROGRESS_EVERY_S = 2.0


def _open(name: str) -> int | None:
    """The lock file, made if missing; read-only where this process may not write (a read-only
    directory, or a confined sandbox worker: ``flock`` needs no write access)."""
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
        try:
            return os.open(name, flags | os.O_CLOEXEC, 0o644)
        except OSError:
            continue
    return None  # a read-only directory without the file: no writer can work there either


def _acquire(fd: int | None, mode: int, deadline: float | None, what: str, progress: Progress | None = None,
             holder: Callable[[], str] = lambda: "") -> None:
    """``flock(fd, mode)``, polling so that a deadline and progress reports are possible."""
    if fd is None:
        return
    start = last = time.monotonic()
    delay = 0.005
    while not _try_flock(fd, mode):
        now = time.monotonic()
        if deadline is not None and now >= deadline:
            who = holder()
            raise StoreBusyError(f"{what}: still busy after {now - start:.1f} s"
                                 + (f" (held by {who})" if who else ""), waited_s=round(now - start, 1))
        if progress is not None and now - last >= PROGRESS_EVERY_S:
            progress(now - start, holder())
            last = now
        time.sleep(min(delay, max(0.0, deadline - now)) if deadline is not None else delay)
        delay = min(delay * 2, 0.1)


def _try_flock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _deadline(wait_s: float | None) -> float | None:
    return None if wait_s is None else time.monotonic() + max(0.0, wait_s)


class FileRWLock:
    """Shared (read) and exclusive (commit, checkpoint) sections keyed by ``path``.

    >>> import tempfile, os
    >>> lock = FileRWLock(os.path.join(tempfile.mkdtemp(), "g.db"))
    >>> with lock.shared():
    ...     with lock.shared():  # readers share
    ...         pass
    >>> with lock.exclusive():
    ...     with lock.shared(wait_s=0.05):  # a reader waits for the writer, here in vain
    ...         pass
    Traceback (most recent call last):
    ...
    policykg.errors.StoreBusyError: reading ...g.db: still busy after ... s
    """

    def __init__(self, path: str | os.PathLike):
        path = os.path.abspath(path)
        self.path = path
        self.main = f"{path}.policykg-lock"
        self.gate = f"{path}.policykg-gate"

    def make_files(self) -> None:
        """Create the lock files now, for a process that will later open them read-only."""
        for name in (self.main, self.gate):
            fd = _open(name)
            if fd is not None:
                os.close(fd)

    @contextmanager
    def shared(self, wait_s: float | None = None) -> Iterator[None]:
        deadline = _deadline(wait_s)
        gate, main = _open(self.gate), _open(self.main)
        try:
            _acquire(gate, fcntl.LOCK_SH, deadline, f"reading {self.path}")  # waits while a writer is queued
            _acquire(main, fcntl.LOCK_SH, deadline, f"reading {self.path}")
            if gate is not None:
                fcntl.flock(gate, fcntl.LOCK_UN)
            yield
        finally:
            for fd in (main, gate):
                if fd is not None:
                    os.close(fd)  # closing drops the lock

    @contextmanager
    def exclusive(self, wait_s: float | None = None, progress: Progress | None = None) -> Iterator[None]:
        deadline = _deadline(wait_s)
        gate, main = _open(self.gate), _open(self.main)
        try:
            _acquire(gate, fcntl.LOCK_EX, deadline, f"writing {self.path}", progress)  # no new readers
            _acquire(main, fcntl.LOCK_EX, deadline, f"writing {self.path}", progress)  # readers inside leave
            yield
        finally:
            for fd in (main, gate):
                if fd is not None:
                    os.close(fd)


class WriterLock:
    """One writer at a time across processes; the holder's pid and purpose are written into the
    lock file so that a waiting writer can say whom it waits for.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "g.db")
    >>> with WriterLock(path).hold(purpose="ingest"):
    ...     print(WriterLock(path).holder().split(" ", 2)[2])
    ...     WriterLock(path).try_hold()
    (ingest)
    False
    """

    def __init__(self, path: str | os.PathLike):
        self.path = os.path.abspath(path)
        self.file = f"{self.path}.policykg-writer"
        self._fd: int | None = None

    def holder(self) -> str:
        try:
            with open(self.file, encoding="utf-8") as f:
                return f.read().strip()
        except OSError:
            return ""

    @contextmanager
    def hold(self, wait_s: float | None = None, progress: Progress | None = None,
             purpose: str = "write") -> Iterator[None]:
        """Wait (at most ``wait_s`` seconds, None: as long as it takes) to be the only writer;
        ``progress(waited_s, holder)`` is called every few seconds while waiting."""
        os.makedirs(os.path.dirname(self.path), exist_ok=True)  # the writer creates the database there
        fd = _open(self.file)
        try:
            _acquire(fd, fcntl.LOCK_EX, _deadline(wait_s), f"another writer is using {self.path}", progress,
                     self.holder)
            self._stamp(fd, purpose)
            yield
        finally:
            if fd is not None:
                os.close(fd)

    def try_hold(self) -> bool:
        """Take the lock if it is free, for :meth:`release`; False if another writer has it."""
        fd = _open(self.file)
        if fd is None:
            return True
        if not _try_flock(fd, fcntl.LOCK_EX):
            os.close(fd)
            return False
        self._stamp(fd, "recovery")
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def _stamp(fd: int | None, purpose: str) -> None:
        if fd is not None:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} ({purpose})\n".encode(), 0)
