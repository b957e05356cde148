#!/usr/bin/env bash
# PDF extraction benchmark (issue #5): pages/s of Switchboard's PDF reader against poppler's pdftotext on the same
# file, the same number of rounds, alternating (one of ours, one of theirs), single thread; then both with several
# files at once (all cores); plus PdfPig's default word extraction as the baseline our reader replaced. Quality: the
# word F1 (order-free) and ordered word F1 of every output against the ground truth, all computed by the bench tool
# with one measure (Switchboard.Knowledge.Evaluation.TextSimilarity). Target: ours ≥ 50 % of pdftotext's pages/s.
# Usage (from anywhere; paths are relative to the repository root):
#   bench/run-pdf-bench.sh                      # ~1 minute on a quiet 2-core machine
#   BENCH_ROUNDS=5 bench/run-pdf-bench.sh       # quick run
# Settings (environment variables):
#   BENCH_PDF=../shared/data/pdf-samples/GeoTopo-komprimiert.pdf   (shared/ is looked for up to three levels up)
#   BENCH_TRUTH=../shared/data/pdf-samples/GeoTopo-ground-truth.txt
#   BENCH_ROUNDS=20          measured rounds of each extractor (the median counts; one cold round of ours comes first)
#   BENCH_PARALLEL=$(nproc)  files extracted at once for the all-cores figures (1 skips them)
#   BENCH_QUIET_WAIT=120     seconds to wait for the machine to be quiet (other work < 20 % CPU) before measuring
#   BENCH_SKIP_BUILD=0       1 to reuse the existing Release build
#   BENCH_KEEP_TMP=0         1 to keep the temp dir with the extracted texts
# Installs poppler-utils with apt when pdftotext is missing. Writes bench/results/pdf-<UTC timestamp>.md.
# The target is a figure to read, never a pass/fail: the script exits non-zero only when something broke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The shared data sits next to the repository (../shared), or further up for a git worktree.
SHARED="$ROOT/../shared"
for dir in "$ROOT/.." "$ROOT/../.." "$ROOT/../../.."; do
    if [[ -d "$dir/shared/data" ]]; then
        SHARED="$(cd "$dir/shared" && pwd)"
        break
    fi
done
PDF="${BENCH_PDF:-$SHARED/data/pdf-samples/GeoTopo-komprimiert.pdf}"
TRUTH="${BENCH_TRUTH:-$SHARED/data/pdf-samples/GeoTopo-ground-truth.txt}"
ROUNDS="${BENCH_ROUNDS:-20}"
PARALLEL="${BENCH_PARALLEL:-$(nproc)}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-120}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
KEEP_TMP="${BENCH_KEEP_TMP:-0}"
TOOL_DLL="bench/Switchboard.Bench.Knowledge/bin/Release/net10.0/Switchboard.Bench.Knowledge.dll"

BENCH_TAG=pdf-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

[[ -f "$PDF" ]] || die "no PDF at $PDF"
[[ -f "$TRUTH" ]] || die "no ground truth at $TRUTH"

# --- pdftotext (poppler-utils), installed once ----------------------------------------------------------
if ! command -v pdftotext >/dev/null 2>&1; then
    log "pdftotext is missing: installing poppler-utils"
    sudo=()
    [[ "$(id -u)" -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq poppler-utils >/dev/null || die "installing poppler-utils failed"
fi
PDFTOTEXT="$(command -v pdftotext)"
POPPLER_VERSION="$("$PDFTOTEXT" -v 2>&1 | head -1)"

if [[ "$SKIP_BUILD" != "1" ]]; then
    log "building the knowledge bench tool (Release)"
    dotnet build -c Release bench/Switchboard.Bench.Knowledge -nologo -v quiet >/dev/null || {
        dotnet build -c Release bench/Switchboard.Bench.Knowledge -nologo -v quiet 2>&1 | tail -20 >&2
        die "build failed"
    }
fi
[[ -f "$TOOL_DLL" ]] || die "missing $TOOL_DLL (run without BENCH_SKIP_BUILD=1)"

WORK="$(mktemp -d -t switchboard-pdf-bench.XXXXXX)"

# The machine is shared: wait (up to QUIET_WAIT s) for a second in which all CPUs together are under 20 % busy.
cpu_busy_percent() {
    local a b
    read -r -a a < <(head -1 /proc/stat)
    sleep 1
    read -r -a b < <(head -1 /proc/stat)
    awk -v u="$((b[1] + b[2] + b[3] + b[6] + b[7] + b[8] - a[1] - a[2] - a[3] - a[6] - a[7] - a[8]))" \
        -v i="$((b[4] + b[5] - a[4] - a[5]))" 'BEGIN { printf "%d", (u + i > 0) ? 100 * u / (u + i) : 0 }'
}
started=$SECONDS
busy="$(cpu_busy_percent)"
while (( busy >= 20 && SECONDS - started < QUIET_WAIT )); do
    sleep 2
    busy="$(cpu_busy_percent)"
done
(( busy >= 20 )) && log "the machine is still $busy % busy after ${QUIET_WAIT} s; measuring anyway"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

log "measuring $(basename "$PDF"): $ROUNDS rounds each, alternating with pdftotext; then $PARALLEL at once"
dotnet "$TOOL_DLL" pdf --file "$PDF" --ground-truth "$TRUTH" --rounds "$ROUNDS" --pdftotext "$PDFTOTEXT" \
    --parallel "$PARALLEL" --pdfpig-words --out-dir "$WORK/out" >"$WORK/result.txt" 2>"$WORK/result.err" \
    || die "the bench tool failed: $(cat "$WORK/result.err")"
cat "$WORK/result.err" >&2
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"

value() { grep -m1 "^$1=" "$WORK/result.txt" | cut -d= -f2- || die "no $1 in the results"; }
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
REPORT="$WORK/report.md"
{
    echo "# PDF extraction — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo '```bash'
    echo "bench/run-pdf-bench.sh   # BENCH_ROUNDS=$ROUNDS BENCH_PARALLEL=$PARALLEL"
    echo '```'
    echo
    echo "Commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)');" \
        "$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); .NET SDK $(dotnet --version); $POPPLER_VERSION."
    echo "File: $(basename "$PDF"), $(value pages) pages. CPU busy before measuring: $busy %; load average $LOAD_START at start, $LOAD_END at end."
    echo
    echo "| extractor | pages/s (median of $ROUNDS) | best round | word F1 | ordered word F1 |"
    echo "|---|---:|---:|---:|---:|"
    for who in switchboard pdftotext pdfpig_words; do
        printf '| %s | %.0f | %.0f | %.3f | %.3f |\n' "$who" "$(value "${who}_pages_per_second")" "$(value "${who}_best_pages_per_second")" \
            "$(value "${who}_word_f1")" "$(value "${who}_ordered_word_f1")"
    done
    echo
    awk -v r="$(value ratio)" 'BEGIN { printf "Switchboard ÷ pdftotext, single thread: **%.0f %%** (target ≥ 50 %%: %s).\n", 100 * r, (r >= 0.5) ? "**PASS**" : "**MISS**" }'
    echo "Switchboard's first (cold) round, JIT included and not counted: $(value switchboard_cold_seconds) s."
    printf 'Chunking the extracted document (350 tokens, 50 overlap): %s chunks in %.1f ms (median).\n' "$(value chunks)" "$(value chunking_milliseconds)"
    if grep -q '^switchboard_parallel_pages_per_second=' "$WORK/result.txt"; then
        printf 'All cores, %s files at once: Switchboard %.0f pages/s (threads in one process), pdftotext %.0f pages/s (processes).\n' \
            "$(value parallel)" "$(value switchboard_parallel_pages_per_second)" "$(value pdftotext_parallel_pages_per_second)"
    fi
    echo
    echo "pdftotext is timed as a process from start to exit (-enc UTF-8, default reading order), so its figure includes"
    echo "process start-up; ours is an in-process call through the reader registry on a warm runtime. Similarity: both texts"
    echo "NFKC-normalised and split at whitespace; word F1 over the multisets of words, ordered word F1 over their longest"
    echo "common subsequence."
} >"$REPORT"

mkdir -p bench/results
cp "$REPORT" "bench/results/pdf-$STAMP.md"
echo >&2
cat "$REPORT"
log "wrote bench/results/pdf-$STAMP.md"
