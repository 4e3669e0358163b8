#!/usr/bin/env bash
# Set up everything the tests need, saying what it does, and run them.  Extra arguments go to
# pytest, e.g.  bash scripts/test.sh -k extract
#   1. ./.venv with policykg and its test tools (pytest, hypothesis, httpx, schemathesis, playwright);
#   2. Debian's chromium and a CJK font for the browser tests, when missing and we may install
#      packages (root with apt-get).  If that fails the browser tests are skipped -- except in
#      CI (CI=true), where a missing browser fails them;
#   3. the Neo4j launcher (tools/neo4j, built by Maven on first use; needs Java 17 + Maven,
#      else the Neo4j tests are skipped locally and fail in CI);
#   4. pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "test.sh: $*" >&2; }
say "installing policykg with its test tools into ./.venv"
EXTRAS=test source scripts/venv.sh
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
say "running pytest"
exec .venv/bin/python -m pytest "$@"
