#!/usr/bin/env bash
# Set up everything the tests need and run them: the package with its test extras, Debian's
# chromium and a CJK font for the browser tests (when we may install packages), the Neo4j
# launcher (built by Maven on first use), then pytest.  Extra arguments go to pytest.
#   bash scripts/test.sh [-k expr ...]
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=test source scripts/venv.sh
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi -e wqy -e noto; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "note: /usr/bin/chromium or a CJK font is missing; browser tests will be skipped" >&2
  fi
fi
if command -v mvn >/dev/null && command -v java >/dev/null; then
  .venv/bin/python -c "from policykg.graph.neo4j_server import build_jar; build_jar()" 2>/dev/null || true
fi
exec .venv/bin/python -m pytest "$@"
