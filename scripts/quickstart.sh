#!/usr/bin/env bash
# Set up policykg in ./.venv and run the main job on the embedded store: ingest the sample
# corpus the project ships, print what the graph holds, and answer one question of it.
#   bash scripts/quickstart.sh [CORPUS_DIR]      (default: samples/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
corpus="${1:-samples/corpus}"
manifest=()
[ -f "$corpus/manifest.csv" ] && manifest=(--manifest "$corpus/manifest.csv")
export POLICYKG_DB="${POLICYKG_DB:-./policykg.db}"
.venv/bin/policykg ingest "$corpus" "${manifest[@]}"
.venv/bin/policykg stats
.venv/bin/policykg query busiest_agencies --param region=河南省 --param top=5
echo "graph in $POLICYKG_DB; try: .venv/bin/policykg serve  (then open http://127.0.0.1:8000/)"
