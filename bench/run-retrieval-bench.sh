#!/usr/bin/env bash
# Retrieval index benchmark (issue #5): (1) vectors — the memory-bandwidth floor of one core, the flat index
# (f32, int8) against it, HNSW build time, recall@10 and QPS per efSearch, on clustered and uniform synthetic
# embeddings; (2) lexical — Bm25LexicalIndex over synthetic ~200-word chunks: build time, memory, search
# p50/p95/p99; (3) SciFact quality and latency when ../shared/data/scifact is there.
# Usage (from anywhere; paths are relative to the repository root):
#   bench/run-retrieval-bench.sh                                  # full run, ~3 minutes on a 2-core machine (two HNSW builds)
#   BENCH_VECTORS=20000 BENCH_CHUNKS=20000 bench/run-retrieval-bench.sh   # quick run, under a minute
# Settings (environment variables):
#   BENCH_VECTORS=100000   vectors per index        BENCH_DIMS=384          dimensions
#   BENCH_QUERIES=200      vector queries           BENCH_DATA=both         clustered, uniform or both
#   BENCH_EF=16,32,64,128,256   efSearch values     BENCH_CHUNKS=100000     lexical chunks
#   BENCH_LEXICAL_QUERIES=1000  lexical queries     BENCH_SCIFACT=<shared>/data/scifact (found upwards; skipped when absent)
#   BENCH_SKIP_BUILD=0     1 to reuse the Release build
# Writes bench/results/retrieval-<UTC timestamp>.md and the raw outputs in bench/results/retrieval-<timestamp>/.
# Targets are figures to read, not a pass/fail of this script: it exits non-zero only when something broke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VECTORS="${BENCH_VECTORS:-100000}"
DIMS="${BENCH_DIMS:-384}"
QUERIES="${BENCH_QUERIES:-200}"
DATA="${BENCH_DATA:-both}"
EF="${BENCH_EF:-16,32,64,128,256}"
CHUNKS="${BENCH_CHUNKS:-100000}"
LEXICAL_QUERIES="${BENCH_LEXICAL_QUERIES:-1000}"
SCIFACT="${BENCH_SCIFACT:-}"
if [[ -z "$SCIFACT" ]]; then
    # The shared data sits beside the checkout or a few levels up (worktrees), as the tests look for it.
    for dir in "$ROOT/.." "$ROOT/../.." "$ROOT/../../.."; do
        [[ -d "$dir/shared/data/scifact" ]] && SCIFACT="$(cd "$dir/shared/data/scifact" && pwd)" && break
    done
fi
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
KEEP_TMP=0

TOOL_DLL="bench/Switchboard.Bench.Retrieval/bin/Release/net10.0/Switchboard.Bench.Retrieval.dll"

BENCH_TAG=retrieval-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

if [[ "$SKIP_BUILD" != "1" ]]; then
    log "building Release: retrieval bench tool"
    dotnet build -c Release bench/Switchboard.Bench.Retrieval -nologo -v quiet >/dev/null || {
        dotnet build -c Release bench/Switchboard.Bench.Retrieval -nologo -v quiet 2>&1 | tail -20 >&2
        die "build failed"
    }
fi
[[ -f "$TOOL_DLL" ]] || die "missing $TOOL_DLL (run without BENCH_SKIP_BUILD=1)"
tool() { dotnet "$TOOL_DLL" "$@"; }

WORK="$(mktemp -d -t switchboard-retrieval-bench.XXXXXX)"
RUN="$WORK/run"
mkdir -p "$RUN"
value() { # key file
    grep -m1 "^$1=" "$2" | cut -d= -f2- || die "no $1 in $2"
}
step() { # name, then the tool's arguments; stdout to name.txt, stderr to name.err and the terminal
    local name="$1"
    shift
    log "$name: $*"
    echo "load average before $name=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/settings.txt"
    tool "$@" >"$RUN/$name.txt" 2> >(tee "$RUN/$name.err" >&2) || die "$name failed"
}

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
    echo "machine=$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
    echo "dotnet=$(dotnet --version)"
} >"$RUN/settings.txt"

step vectors vectors --count "$VECTORS" --dims "$DIMS" --queries "$QUERIES" --data "$DATA" --ef "$EF"
step lexical lexical --chunks "$CHUNKS" --queries "$LEXICAL_QUERIES"
if [[ -n "$SCIFACT" && -d "$SCIFACT" ]]; then
    step scifact beir --dataset "$SCIFACT" --split test
else
    log "no SciFact at $SCIFACT: skipped"
fi
echo "load average at end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/settings.txt"

# --- report -------------------------------------------------------------------------------------------
V="$RUN/vectors.txt"
L="$RUN/lexical.txt"
fmt() { awk -v x="$1" -v f="$2" 'BEGIN { printf f, x }'; }
kinds="clustered uniform"
[[ "$DATA" != "both" ]] && kinds="$DATA"
REPORT="$RUN/report.md"
{
    echo "# Retrieval indexes — $(value date "$RUN/settings.txt")"
    echo
    echo '```bash'
    echo "bench/run-retrieval-bench.sh   # BENCH_VECTORS=$VECTORS BENCH_DIMS=$DIMS BENCH_QUERIES=$QUERIES BENCH_DATA=$DATA BENCH_EF=$EF BENCH_CHUNKS=$CHUNKS BENCH_LEXICAL_QUERIES=$LEXICAL_QUERIES"
    echo '```'
    echo
    echo "Commit $(value commit "$RUN/settings.txt"); $(value machine "$RUN/settings.txt"); .NET SDK $(value dotnet "$RUN/settings.txt")."
    echo "Load average before each step: $(grep '^load average' "$RUN/settings.txt" | sed 's/^load average //' | paste -sd ';' - | sed 's/;/; /g')."
    echo
    echo "Flat search (one thread, top 10) against the memory floor: the same bytes as the f32 matrix streamed by one core"
    echo "through a SIMD sum, measured just before (20 passes: best, and the median pass to set against the median query)."
    echo
    echo "| data | floor best / median | flat f32 best / p50 / p95 | best ÷ floor best (target ≤ 2×) | p50 ÷ floor median | flat int8 best / p50 / p95 | int8 top-10 overlap | brute-force QPS | HNSW build |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for kind in $kinds; do
        echo "| $kind | $(fmt "$(value "${kind}_floor_ms" "$V")" '%.2f') / $(fmt "$(value "${kind}_floor_median_ms" "$V")" '%.2f') ms ($(fmt "$(value "${kind}_floor_gbps" "$V")" '%.1f') GB/s) | $(fmt "$(value "${kind}_flat_f32_best_ms" "$V")" '%.2f') / $(fmt "$(value "${kind}_flat_f32_p50_ms" "$V")" '%.2f') / $(fmt "$(value "${kind}_flat_f32_p95_ms" "$V")" '%.2f') ms | $(fmt "$(value "${kind}_flat_f32_floor_ratio" "$V")" '%.2f')× | $(fmt "$(value "${kind}_flat_f32_median_floor_ratio" "$V")" '%.2f')× | $(fmt "$(value "${kind}_flat_int8_best_ms" "$V")" '%.2f') / $(fmt "$(value "${kind}_flat_int8_p50_ms" "$V")" '%.2f') / $(fmt "$(value "${kind}_flat_int8_p95_ms" "$V")" '%.2f') ms | $(fmt "$(value "${kind}_flat_int8_overlap" "$V")" '%.3f') | $(fmt "$(value "${kind}_flat_qps" "$V")" '%.0f') | $(fmt "$(value "${kind}_hnsw_build_s" "$V")" '%.1f') s |"
    done
    echo
    echo "HNSW (M 16, efConstruction 200, f32), recall@10 against the exact top 10 / p50 / QPS, one thread:"
    echo
    echo "| efSearch | $(echo "$kinds" | sed 's/ / | /g') |"
    echo "|---:|$(for _ in $kinds; do printf -- '---|'; done)"
    for ef in ${EF//,/ }; do
        row="| $ef |"
        for kind in $kinds; do
            row="$row $(fmt "$(value "${kind}_hnsw_ef${ef}_recall" "$V")" '%.3f') / $(fmt "$(value "${kind}_hnsw_ef${ef}_p50_ms" "$V")" '%.3f') ms / $(fmt "$(value "${kind}_hnsw_ef${ef}_qps" "$V")" '%.0f') |"
        done
        echo "$row"
    done
    for share in 10 100; do
        row="| filter 1/$share (default ef 64) |"
        for kind in $kinds; do
            row="$row $(fmt "$(value "${kind}_hnsw_filter${share}_recall" "$V")" '%.3f') / $(fmt "$(value "${kind}_hnsw_filter${share}_p50_ms" "$V")" '%.3f') ms / $(fmt "$(value "${kind}_hnsw_filter${share}_qps" "$V")" '%.0f') |"
        done
        echo "$row"
    done
    echo
    echo "Lexical, $(value lexical_chunks "$L") chunks (~200 words, Zipf vocabulary of 50k + 10k Russian words, 10 % Russian), $(value lexical_terms "$L") terms:"
    echo "build $(fmt "$(value lexical_build_s "$L")" '%.1f') s (2 upserting threads); index ~$(fmt "$(value lexical_index_mib "$L")" '%.0f') MiB, managed heap +$(fmt "$(value lexical_managed_mib "$L")" '%.0f') MiB, RSS $(fmt "$(value lexical_rss_mib "$L")" '%.0f') MiB;"
    echo "search of 2–8 words, top 10: p50 $(fmt "$(value lexical_p50_ms "$L")" '%.2f') ms, **p95 $(fmt "$(value lexical_p95_ms "$L")" '%.2f') ms** (target ≤ 20 ms), p99 $(fmt "$(value lexical_p99_ms "$L")" '%.2f') ms; with a filter admitting 1 %: p50 $(fmt "$(value lexical_filter1_p50_ms "$L")" '%.2f') ms, p95 $(fmt "$(value lexical_filter1_p95_ms "$L")" '%.2f') ms;"
    echo "removing 30 % of the chunks one by one: p50 $(fmt "$(value lexical_remove_p50_us "$L")" '%.1f') µs per removal, the slowest (the one that compacts) $(fmt "$(value lexical_remove_max_ms "$L")" '%.1f') ms."
    if [[ -f "$RUN/scifact.txt" ]]; then
        echo
        echo "SciFact test (300 queries, 5,183 documents): nDCG@10 $(fmt "$(value ndcg10 "$RUN/scifact.txt")" '%.4f'), Recall@100 $(fmt "$(value recall100 "$RUN/scifact.txt")" '%.3f'), search p50 $(fmt "$(value p50_ms "$RUN/scifact.txt")" '%.2f') ms, p95 $(fmt "$(value p95_ms "$RUN/scifact.txt")" '%.2f') ms, indexing $(value index_s "$RUN/scifact.txt") s."
    fi
} >"$REPORT"

mkdir -p bench/results
cp "$REPORT" "bench/results/retrieval-$STAMP.md"
rm -rf "bench/results/retrieval-$STAMP"
cp -r "$RUN" "bench/results/retrieval-$STAMP"
echo >&2
cat "$REPORT"
log "wrote bench/results/retrieval-$STAMP.md and bench/results/retrieval-$STAMP/"
