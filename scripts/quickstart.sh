#!/usr/bin/env bash
# Set up policykg in ./.venv and run the main job on the embedded store, saying each step:
# ingest the sample corpus the project ships, print what the graph holds, and answer one
# question of it.
#   bash scripts/quickstart.sh [CORPUS_DIR]      (default: samples/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n== %s\n' "$*" >&2; }
step "1/4 setting up ./.venv (Python packages from PyPI)"
source scripts/venv.sh
corpus="${1:-samples/corpus}"
export POLICYKG_DB="${POLICYKG_DB:-./policykg.db}"
step "2/4 ingesting $corpus into $POLICYKG_DB (extract every document, write the graph, align)"
.venv/bin/policykg ingest "$corpus"
step "3/4 what the graph holds"
.venv/bin/policykg stats
step "4/4 a question: which agencies of 河南省 carry the most duties?"
.venv/bin/policykg query busiest_agencies --param region=河南省 --param top=5
echo >&2
echo "graph in $POLICYKG_DB; next: .venv/bin/policykg query --list, or .venv/bin/policykg serve (then open http://127.0.0.1:8000/)" >&2
