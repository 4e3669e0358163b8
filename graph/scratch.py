"""Private temporary directories that never outlive their process for long.

Each is made under the system's temporary directory as ``policykg-<what>-<pid>-<random>``
(mode 0700) and removed when its user is done; one left behind by a process that died (``kill
-9``) is removed by the next process that makes one of the same kind, once its pid is gone.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean_stale(what: str, root: str | None = None) -> list[str]:
    """Remove the ``policykg-<what>-<pid>-*`` directories whose process is gone; their names.

    >>> import tempfile
    >>> root = tempfile.mkdtemp()
    >>> os.mkdir(os.path.join(root, "policykg-upload-999999999-x"))
    >>> clean_stale("upload", root)
    ['policykg-upload-999999999-x']
    """
    root = root or tempfile.gettempdir()
    prefix, gone = f"policykg-{what}-", []
    try:
        names = os.listdir(root)
    except OSError:
        return gone
    for name in names:
        pid = name[len(prefix):].split("-", 1)[0] if name.startswith(prefix) else ""
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            gone.append(name)
    return gone


def private_dir(what: str) -> Path:
    """A new private directory of this process (callers remove it with :func:`remove`)."""
    return Path(tempfile.mkdtemp(prefix=f"policykg-{what}-{os.getpid()}-"))


def remove(path: str | os.PathLike | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)
