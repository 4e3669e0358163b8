"""What a test needs from outside the repository, and the one rule for when it is missing.

A user's clone may lack Java and Maven (Neo4j), Debian's chromium, or ``../shared`` (the real
corpus and its gold): there the tests that need them are skipped.  CI (``CI=true``) must run
every test, so there a missing need is a failure.  :func:`missing` is the only place that rule
is written; fixtures and tests call it (or :func:`need_path`) instead of reading ``CI``.
:func:`lanes_of` says which lane markers (``neo4j``, ``browser``) a test's fixtures give it.
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


# the fixtures that put a test in a lane: a test using any of them (directly or through another fixture)
# gets the marker, set by tests/conftest.py at collection
LANES = {"neo4j": {"java_tools", "neo4j_server", "neo4j_uri", "neo4j_store"}, "browser": {"chromium"}}


def lanes_of(item) -> set[str]:
    """The markers a collected test needs from the fixtures it uses; a parameter named ``neo4j``
    (the ``store`` fixture's, which asks for ``neo4j_store`` only when it runs) counts as the store."""
    names = set(getattr(item, "fixturenames", ()))
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any(isinstance(value, str) and value == "neo4j" for value in params.values()):
        names.add("neo4j_store")
    return {lane for lane, fixtures in LANES.items() if names & fixtures}
