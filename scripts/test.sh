#!/usr/bin/env bash
# Run the tests, setting up what they need and saying what it does.  Two lanes (docs/testing.md):
#
#   bash scripts/test.sh          the full suite, real Neo4j and Debian's chromium included, in
#                                 parallel (pytest-xdist; CI runs this);
#   bash scripts/test.sh --fast   the fast lane for day-to-day work: every test that needs no Neo4j,
#                                 no browser and is not marked slow (pytest -m "not neo4j and not
#                                 browser and not slow"), in parallel; installs nothing but ./.venv.
#
# Extra arguments go to pytest, e.g.  bash scripts/test.sh --fast -k extract  (-n 0: one process).
# PYTEST_WORKERS=N sets the number of workers (default: auto, one per core).
#   1. ./.venv with policykg and its test tools (pytest, pytest-xdist, hypothesis, httpx, schemathesis,
#      playwright);
#   2. (full suite) Debian's chromium and a CJK font for the browser tests, when missing and we may
#      install packages (root with apt-get).  If that fails the browser tests are skipped -- except in
#      CI (CI=true), where a missing browser fails them;
#   3. (full suite) the Neo4j launcher (tools/neo4j, built by Maven on first use; needs Java 17 + Maven,
#      else the Neo4j tests are skipped locally and fail in CI).  Each worker starts its own Neo4j on a
#      free port and stops it when it ends (tests/conftest.py);
#   4. pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "test.sh: $*" >&2; }
fast=""
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi
say "installing policykg with its test tools into ./.venv"
EXTRAS=test source scripts/venv.sh
workers=(-n "${PYTEST_WORKERS:-auto}")
if [ -n "$fast" ]; then
  say "running the fast lane: no Neo4j, no browser, no slow tests"
  exec .venv/bin/python -m pytest "${workers[@]}" -m "not neo4j and not browser and not slow" "$@"
fi
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi -e wqy -e noto; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian's chromium and fonts-wqy-microhei (apt-get) for the browser tests"
    apt-get update -qq >/dev/null 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1; then
      say "could not install chromium; the browser tests will be skipped (they fail in CI)"
    fi
  else
    say "/usr/bin/chromium or a CJK font is missing and packages cannot be installed here;" \
        "the browser tests will be skipped (they fail in CI)"
  fi
fi
if command -v mvn >/dev/null && command -v java >/dev/null; then
  say "building the Neo4j launcher (Maven, first run only)"
  .venv/bin/python -c "from policykg.servers.neo4j import build_jar; build_jar()" 2>/dev/null || true
else
  say "java or mvn is missing: the Neo4j tests will be skipped (they fail in CI)"
fi
say "running pytest (the full suite)"
exec .venv/bin/python -m pytest "${workers[@]}" "$@"
