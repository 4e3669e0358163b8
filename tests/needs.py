"""What a test needs from outside the repository, and the one rule for when it is missing.

A user's clone may lack Java and Maven (Neo4j), Debian's chromium, or ``../shared`` (the real
corpus and its gold): there the tests that need them are skipped.  CI (``CI=true``) must run
every test, so there a missing need is a failure.  :func:`missing` is the only place that rule
is written; fixtures and tests call it (or :func:`need_path`) instead of reading ``CI``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

# the shared material beside the checkout (``../shared``), or where POLICYKG_SHARED says
SHARED = Path(os.environ.get("POLICYKG_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def in_ci() -> bool:
    """True in CI, where nothing may be skipped for want of a tool or of ``../shared``."""
    return os.environ.get("CI") == "true"


def missing(what: str, reason: str) -> NoReturn:
    """Skip the calling test (a user's clone) -- or fail it in CI, which must run ``what``."""
    if in_ci():
        pytest.fail(f"CI must run {what}, but {reason}", pytrace=False)
    pytest.skip(reason)


def need_path(path: Path, what: str) -> Path:
    """``path`` (a file or folder of the shared material), or :func:`missing` when it is absent."""
    if not path.exists():
        missing(what, f"{path} is not here (a user's clone has no ../shared; set POLICYKG_SHARED to it)")
    return path
