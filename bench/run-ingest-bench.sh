#!/usr/bin/env bash
# End-to-end ingestion benchmark (issue #5): a folder of synthetic two-page PDFs is uploaded with `switchboard ingest`
# into a running `switchboard serve` (lexical only: no embedding model), and the clock stops when every document is
# ready. Reports documents/hour, pages/s, chunks and the server's peak resident memory. Target: ≥ 10,000 documents/hour.
# Usage (from anywhere):
#   bench/run-ingest-bench.sh                    # 2,000 documents, a few minutes on a 2-core machine
#   BENCH_DOCS=500 bench/run-ingest-bench.sh     # quick run
# Settings (environment variables):
#   BENCH_DOCS=2000       documents to generate and ingest
#   BENCH_BATCH=20        files per upload request
#   BENCH_SKIP_BUILD=0    1 to reuse the existing Release build
#   BENCH_KEEP_TMP=0      1 to keep the temp dir (documents, data directory, server log)
# The target is a figure to read, never a pass/fail: the script exits non-zero only when something broke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DOCS="${BENCH_DOCS:-2000}"
BATCH="${BENCH_BATCH:-20}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
KEEP_TMP="${BENCH_KEEP_TMP:-0}"
BENCH_TAG=ingest-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

SERVER_DLL="src/Switchboard.Server/bin/Release/net10.0/switchboard.dll"
TOOL_DLL="bench/Switchboard.Bench.Knowledge/bin/Release/net10.0/Switchboard.Bench.Knowledge.dll"
if [[ "$SKIP_BUILD" != "1" ]]; then
    log "building Release"
    dotnet build src/Switchboard.Server -c Release -v q -nologo >/dev/null
    dotnet build bench/Switchboard.Bench.Knowledge -c Release -v q -nologo >/dev/null
fi

WORK="$(mktemp -d -t switchboard-ingest-XXXXXX)"
log "generating $DOCS two-page PDFs"
dotnet "$TOOL_DLL" generate-docs --count "$DOCS" --out "$WORK/docs" >/dev/null
echo '{ "providers": [], "models": [] }' > "$WORK/switchboard.json"

PORT="$(free_port)"
export SWITCHBOARD_ADMIN_KEY="sb-bench-admin-key-00000000000000000000000000000"
dotnet "$SERVER_DLL" serve --port "$PORT" --config "$WORK/switchboard.json" --data "$WORK/data" >"$WORK/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
wait_ready switchboard "http://127.0.0.1:$PORT/healthz" "$SERVER"

log "ingesting (upload + processing, until every document is ready)"
START=$(date +%s.%N)
SWITCHBOARD_API_KEY="$SWITCHBOARD_ADMIN_KEY" dotnet "$SERVER_DLL" ingest "$WORK/docs" --collection bench --batch "$BATCH" \
    --url "http://127.0.0.1:$PORT" >"$WORK/ingest.out" 2>"$WORK/ingest.err" || { cat "$WORK/ingest.out" "$WORK/ingest.err" >&2; die "ingest failed"; }
END=$(date +%s.%N)

SECONDS_TAKEN=$(echo "$END - $START" | bc -l)
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
CHUNKS=$(curl -fsS -H "Authorization: Bearer $SWITCHBOARD_ADMIN_KEY" "http://127.0.0.1:$PORT/api/v1/documents?collection=bench&limit=500" \
    | grep -o '"chunks":[0-9]*' | awk -F: '{s+=$2; n++} END {printf "%.1f", s/n}')
cat "$WORK/ingest.out" >&2
printf '\ndocuments: %s, time: %.1f s\n' "$DOCS" "$SECONDS_TAKEN"
printf 'throughput: %.0f documents/hour (%.1f pages/s)\n' "$(echo "$DOCS / $SECONDS_TAKEN * 3600" | bc -l)" "$(echo "2 * $DOCS / $SECONDS_TAKEN" | bc -l)"
printf 'chunks per document (first 500): %s, server peak RSS: %.0f MB\n' "$CHUNKS" "$(echo "$PEAK_KB / 1024" | bc -l)"
