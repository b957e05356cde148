#!/usr/bin/env bash
# Local-model throughput benchmark (issue #4): decode tokens/s of a random-weight Llama model (dim 768,
# 12 layers, 32k vocabulary) as F16, Q8_0 and Q4_0 — (a) raw in-process over the llama.cpp binding,
# (b) through the gateway's HTTP API, one stream, (c) four concurrent streams, aggregate — and the
# machine's memory bandwidth by a STREAM-like loop, all in the same run.
# Usage (from anywhere; paths are relative to the repository root):
#   bench/run-local-bench.sh                     # full run, ~2–4 minutes on a quiet 2-core machine
#   BENCH_TOKENS=64 BENCH_RUNS=1 bench/run-local-bench.sh   # quick run
# Settings (environment variables):
#   BENCH_TOKENS=256         max_tokens of every measured stream, and tokens of the raw loop
#   BENCH_RUNS=3             measured runs of every figure; the best counts (the rest is the neighbours)
#   BENCH_STREAMS=4          concurrent streams of (c)
#   BENCH_QUANTS="F16 Q8_0 Q4_0"
#   BENCH_MODEL_ARGS=""      extra generate-model options, e.g. "--layers 4 --vocab 8000"
#   BENCH_BANDWIDTH_MB=512   MiB per array of the bandwidth loop (three arrays)
#   BENCH_THREADS=$(nproc)   llama.cpp threads, raw and server alike (the server alone would leave a core free)
#   BENCH_QUIET_WAIT=120     seconds each measurement may wait for the machine to be quiet (other work < 20 % CPU)
#   BENCH_SKIP_BUILD=0       1 to reuse the existing Release builds
#   BENCH_KEEP_TMP=0         1 to keep the temp dir (models, config, logs) after a successful run
# Writes bench/results/local-<UTC timestamp>.md and the raw per-step outputs in bench/results/local-<timestamp>/.
# The targets are figures to read, never a pass/fail of this script: it exits non-zero only when something broke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOKENS="${BENCH_TOKENS:-256}"
RUNS="${BENCH_RUNS:-3}"
STREAMS="${BENCH_STREAMS:-4}"
QUANTS="${BENCH_QUANTS:-F16 Q8_0 Q4_0}"
MODEL_ARGS="${BENCH_MODEL_ARGS:-}"
BANDWIDTH_MB="${BENCH_BANDWIDTH_MB:-512}"
THREADS="${BENCH_THREADS:-$(nproc)}"
QUIET_WAIT="${BENCH_QUIET_WAIT:-120}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
KEEP_TMP="${BENCH_KEEP_TMP:-0}"
ADMIN_KEY="sb-bench-admin-key-0123456789"
PROMPT="Once upon a time"

TOOL_DLL="bench/Switchboard.Bench.Local/bin/Release/net10.0/Switchboard.Bench.Local.dll"
SERVER_DLL="src/Switchboard.Server/bin/Release/net10.0/switchboard.dll"

BENCH_TAG=local-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# --- tools ------------------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "curl is required"
[[ -f native/llama/libllama.v0.5.0.so ]] || die "llama.cpp is missing in native/llama: run ./switchboard.sh test (or up) once, which fetches it"
if [[ "$SKIP_BUILD" != "1" ]]; then
    log "building Release: local bench tool, server"
    for project in bench/Switchboard.Bench.Local src/Switchboard.Server; do
        dotnet build -c Release "$project" -nologo -v quiet >/dev/null || {
            dotnet build -c Release "$project" -nologo -v quiet 2>&1 | tail -20 >&2
            die "build of $project failed"
        }
    done
fi
for dll in "$TOOL_DLL" "$SERVER_DLL"; do
    [[ -f "$dll" ]] || die "missing $dll (run without BENCH_SKIP_BUILD=1)"
done
tool() { dotnet "$TOOL_DLL" "$@"; }
switchboard() { dotnet "$SERVER_DLL" "$@"; }
threads_arg=()
[[ -n "$THREADS" ]] && threads_arg=(--threads "$THREADS")

WORK="$(mktemp -d -t switchboard-local-bench.XXXXXX)"
RUN="$WORK/run"
MODELS="$WORK/models"
mkdir -p "$RUN" "$MODELS" "$WORK/config" "$WORK/logs"
value() { # key file
    grep -m1 "^$1=" "$2" | cut -d= -f2- || die "no $1 in $2"
}
name_of() { echo "$1" | tr '[:upper:]' '[:lower:]'; }

# llama.cpp's threads meet at a barrier after every operation; a core taken by another process stalls
# them for whole time slices (decode speed falls ten- or a hundredfold). On a shared machine each
# measurement therefore waits, up to QUIET_WAIT seconds, for a second in which all CPUs together are
# less than 20 % busy, and the report lists how busy the machine was before each step.
cpu_busy_percent() { # over one second, all CPUs
    local a b
    read -r -a a < <(head -1 /proc/stat)
    sleep 1
    read -r -a b < <(head -1 /proc/stat)
    awk -v u1="${a[1]}" -v n1="${a[2]}" -v s1="${a[3]}" -v i1="${a[4]}" -v w1="${a[5]}" -v q1="${a[6]}" -v sq1="${a[7]}" -v st1="${a[8]}" \
        -v u2="${b[1]}" -v n2="${b[2]}" -v s2="${b[3]}" -v i2="${b[4]}" -v w2="${b[5]}" -v q2="${b[6]}" -v sq2="${b[7]}" -v st2="${b[8]}" 'BEGIN {
        busy = (u2 - u1) + (n2 - n1) + (s2 - s1) + (q2 - q1) + (sq2 - sq1) + (st2 - st1)
        idle = (i2 - i1) + (w2 - w1)
        printf "%d", (busy + idle > 0) ? 100 * busy / (busy + idle) : 0 }'
}
wait_quiet() { # step label
    local started=$SECONDS busy
    while true; do
        busy="$(cpu_busy_percent)"
        if (( busy < 20 )); then
            break
        fi
        if (( SECONDS - started >= QUIET_WAIT )); then
            log "$1: the machine is still $busy % busy after ${QUIET_WAIT} s; measuring anyway"
            break
        fi
        sleep 2
    done
    printf '%s\t%s\t%s\n' "$1" "$busy" "$((SECONDS - started))" >>"$RUN/quiet.tsv"
}

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
    echo "machine=$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
    echo "load average at start=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "dotnet=$(dotnet --version)"
} >"$RUN/settings.txt"

# --- the models -------------------------------------------------------------------------------------
log "generating the F16 model ${MODEL_ARGS:+($MODEL_ARGS)}"
# shellcheck disable=SC2086 # MODEL_ARGS is a list of options
tool generate-model --out "$MODELS/f16.gguf" $MODEL_ARGS >"$RUN/generate.txt" 2>"$RUN/generate.err" \
    || die "generate-model failed: $(cat "$RUN/generate.err")"
cat "$RUN/generate.err" >&2
switchboard model inspect "$MODELS/f16.gguf" >"$RUN/inspect-f16.txt" || die "switchboard model inspect rejected the generated model"
for quant in $QUANTS; do
    [[ "$quant" == "F16" ]] && continue
    log "quantising to $quant"
    switchboard model quantize "$MODELS/f16.gguf" "$MODELS/$(name_of "$quant").gguf" "$quant" >"$RUN/quantize-$(name_of "$quant").txt"
    switchboard model inspect "$MODELS/$(name_of "$quant").gguf" >"$RUN/inspect-$(name_of "$quant").txt"
done
# Proof that llama.cpp loads the generated file and generates from it (the synthetic vocabulary's pieces are tokN).
switchboard model run "$MODELS/f16.gguf" --prompt "$PROMPT" --max-tokens 8 >"$RUN/run-f16.txt" 2>"$RUN/run-f16.err" \
    || die "llama.cpp could not run the generated model: $(cat "$RUN/run-f16.err")"
grep -qE '^(tok[0-9]+){8}$' "$RUN/run-f16.txt" || die "unexpected generation from the generated model: $(head -c 200 "$RUN/run-f16.txt")"
log "llama.cpp loads the generated model and generates: $(cat "$RUN/run-f16.txt")"

# --- memory bandwidth, before and after the decode runs (the machine's neighbours come and go) ----------
BANDWIDTH_RUNS=10
measure_bandwidth() { # label
    wait_quiet "bandwidth $1"
    log "memory bandwidth (STREAM-like, 3 × $BANDWIDTH_MB MiB, best of $BANDWIDTH_RUNS)"
    tool stream-bandwidth --mb "$BANDWIDTH_MB" --runs "$BANDWIDTH_RUNS" "${threads_arg[@]}" >"$RUN/bandwidth-$1.txt" 2>"$RUN/bandwidth-$1.err" \
        || die "bandwidth measurement failed: $(cat "$RUN/bandwidth-$1.err")"
    cat "$RUN/bandwidth-$1.err" >&2
}
measure_bandwidth start

# --- Switchboard with the llamacpp provider -----------------------------------------------------------
SB_PORT="$(free_port)"
aliases=""
for quant in $QUANTS; do
    aliases="$aliases${aliases:+,}
    { \"alias\": \"bench-$(name_of "$quant")\", \"deployments\": [ { \"provider\": \"local\", \"model\": \"$(name_of "$quant")\" } ] }"
done
threads_json=""
[[ -n "$THREADS" ]] && threads_json=", \"threads\": $THREADS"
# maxLoadedModels 1: only the model under test holds memory; the raw loop runs while the server is idle.
cat >"$WORK/config/switchboard.json" <<EOF
{
  "providers": [ { "name": "local", "type": "llamacpp", "modelsDirectory": "$MODELS", "parallel": 4, "contextSize": 512,
                   "maxLoadedModels": 1$threads_json } ],
  "models": [$aliases
  ]
}
EOF
log "starting Switchboard on :$SB_PORT"
SWITCHBOARD_ADMIN_KEY="$ADMIN_KEY" dotnet "$SERVER_DLL" serve --port "$SB_PORT" --config "$WORK/config/switchboard.json" \
    --data "$WORK/data" --log-format json --shutdown-timeout 2 >"$WORK/logs/switchboard.log" 2>&1 &
SB_PID=$!
PIDS+=("$SB_PID")
wait_ready "switchboard" "http://127.0.0.1:$SB_PORT/healthz" "$SB_PID"

# --- the measurements: per model, all figures back to back, so compared figures are seconds apart -------
http_decode() { # quant streams output
    tool http-decode --url "http://127.0.0.1:$SB_PORT" --key "$ADMIN_KEY" --model "bench-$(name_of "$1")" --prompt "$PROMPT" \
        --tokens "$TOKENS" --streams "$2" --runs "$RUNS" >"$3.txt" 2>"$3.err" || die "$1: HTTP run failed: $(cat "$3.err")"
    cat "$3.err" >&2
}
raw_decode() { # quant sequences output
    tool decode --model "$MODELS/$(name_of "$1").gguf" --tokens "$TOKENS" --sequences "$2" --runs "$RUNS" "${threads_arg[@]}" \
        >"$3.txt" 2>"$3.err" || die "$1: raw decode failed: $(cat "$3.err")"
    cat "$3.err" >&2
}
for quant in $QUANTS; do
    name="$(name_of "$quant")"
    wait_quiet "$quant raw"
    log "$quant: (a) raw decode, 1 sequence, $TOKENS tokens × $RUNS runs"
    raw_decode "$quant" 1 "$RUN/raw1-$name"
    wait_quiet "$quant http1"
    log "$quant: (b) HTTP, 1 stream of $TOKENS tokens × $RUNS runs"
    http_decode "$quant" 1 "$RUN/http1-$name"
    wait_quiet "$quant raw$STREAMS"
    log "$quant: raw decode, $STREAMS sequences batched, $TOKENS tokens each × $RUNS runs"
    raw_decode "$quant" "$STREAMS" "$RUN/raw$STREAMS-$name"
    wait_quiet "$quant http$STREAMS"
    log "$quant: (c) HTTP, $STREAMS concurrent streams of $TOKENS tokens × $RUNS runs"
    http_decode "$quant" "$STREAMS" "$RUN/http$STREAMS-$name"
done
measure_bandwidth end
echo "load average at end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/settings.txt"

# --- report -------------------------------------------------------------------------------------------
bandwidth="$(awk -F= '$1 == "bandwidth_gbps" && $2 > max { max = $2 } END { print max }' "$RUN"/bandwidth-*.txt)"
verdict() { awk -v x="$1" -v limit="$2" 'BEGIN { print (x >= limit) ? "**PASS**" : "**MISS**" }'; }
figure() { value tokens_per_second "$RUN/$1-$(name_of "$2").txt"; } # step quant
first="$(name_of "${QUANTS%% *}")"
REPORT="$RUN/report.md"
{
    echo "# Local-model decode throughput — $(value date "$RUN/settings.txt")"
    echo
    echo '```bash'
    echo "bench/run-local-bench.sh   # BENCH_TOKENS=$TOKENS BENCH_RUNS=$RUNS BENCH_STREAMS=$STREAMS${MODEL_ARGS:+ BENCH_MODEL_ARGS=\"$MODEL_ARGS\"}${THREADS:+ BENCH_THREADS=$THREADS}"
    echo '```'
    echo
    echo "Commit $(value commit "$RUN/settings.txt"); $(value machine "$RUN/settings.txt"); .NET SDK $(value dotnet "$RUN/settings.txt");"
    echo "llama.cpp $(value llama_version "$RUN/raw1-$first.txt"), $(value threads "$RUN/raw1-$first.txt") threads; load average $(value "load average at start" "$RUN/settings.txt") at start, $(value "load average at end" "$RUN/settings.txt") at end."
    echo "Model: random-weight Llama, $(grep -m1 -o 'dim [^)]*' "$RUN/generate.err")."
    echo "CPU busy (all processes, both cores) in the second before each step: $(awk -F'\t' '{ printf "%s%s %s %%", (NR > 1 ? ", " : ""), $1, $2 } END { if (NR == 0) printf "not measured" }' "$RUN/quiet.tsv"); waited $(awk -F'\t' '{ s += $3 } END { print s + 0 }' "$RUN/quiet.tsv") s in all for quiet moments (limit ${QUIET_WAIT} s per step)."
    echo "Memory bandwidth (STREAM-like, 3 × $BANDWIDTH_MB MiB, $(value threads "$RUN/bandwidth-start.txt") threads, best of $BANDWIDTH_RUNS, before and after the decode runs):"
    echo "copy $(value copy_gbps "$RUN/bandwidth-start.txt") / $(value copy_gbps "$RUN/bandwidth-end.txt") GB/s, triad $(value triad_gbps "$RUN/bandwidth-start.txt") / $(value triad_gbps "$RUN/bandwidth-end.txt") GB/s → **$bandwidth GB/s** (the highest)."
    echo
    echo "Decode tokens/s (all streams together):"
    echo
    echo "| model | (a) raw, 1 sequence | (b) HTTP, 1 stream | (b) / (a) | raw, $STREAMS sequences batched | (c) HTTP, $STREAMS streams | (c) / (b) | (c) / raw $STREAMS |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    for quant in $QUANTS; do
        awk -v q="$quant" -v a="$(figure raw1 "$quant")" -v b="$(figure http1 "$quant")" -v r="$(figure "raw$STREAMS" "$quant")" -v c="$(figure "http$STREAMS" "$quant")" 'BEGIN {
            printf "| %s | %.1f | %.1f | %.1f %% | %.1f | %.1f | %.2f× | %.1f %% |\n", q, a, b, 100 * b / a, r, c, c / b, 100 * c / r }'
    done
    echo
    echo "Memory traffic of (a): tokens/s × weight bytes, and × the bytes a step reads in full (all but \`token_embd\`, of which it reads one row):"
    echo
    echo "| model | weights | read per token | (a) × weights | of bandwidth | (a) × read per token | of bandwidth |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for quant in $QUANTS; do
        name="$(name_of "$quant")"
        awk -v q="$quant" -v a="$(figure raw1 "$quant")" -v w="$(value model_bytes "$RUN/raw1-$name.txt")" -v s="$(value streamed_bytes "$RUN/raw1-$name.txt")" -v bw="$bandwidth" 'BEGIN {
            printf "| %s | %.1f MiB | %.1f MiB | %.1f GB/s | %.1f %% | %.1f GB/s | %.1f %% |\n", q, w / 1048576, s / 1048576, a * w / 1e9, 100 * a * w / 1e9 / bw, a * s / 1e9, 100 * a * s / 1e9 / bw }'
    done
    echo
    echo "Targets (issue #4):"
    echo
    echo "| target | model | figure | limit | result |"
    echo "|---|---|---|---|---|"
    for quant in $QUANTS; do
        a="$(figure raw1 "$quant")"
        b="$(figure http1 "$quant")"
        c="$(figure "http$STREAMS" "$quant")"
        echo "| (b) HTTP 1 stream vs (a) raw | $quant | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f %%", 100 * b / a }') | ≥ 95 % | $(verdict "$(awk -v a="$a" -v b="$b" 'BEGIN { print b / a }')" 0.95) |"
        echo "| (c) $STREAMS streams vs (b) 1 stream | $quant | $(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.2f×", c / b }') | ≥ 2× | $(verdict "$(awk -v b="$b" -v c="$c" 'BEGIN { print c / b }')" 2) |"
    done
    if [[ " $QUANTS " == *" Q4_0 "* ]]; then
        share="$(awk -v a="$(figure raw1 Q4_0)" -v bytes="$(value model_bytes "$RUN/raw1-q4_0.txt")" -v bw="$bandwidth" 'BEGIN { print a * bytes / 1e9 / bw }')"
        echo "| (a) tokens/s × model bytes vs bandwidth | Q4_0 | $(awk -v s="$share" 'BEGIN { printf "%.1f %%", 100 * s }') | ≥ 60 % | $(verdict "$share" 0.6) |"
    fi
    echo
    echo "Each figure is the best of $RUNS runs of $TOKENS tokens per stream. Raw: greedy sample–add–decode over the binding,"
    echo "after an 8-token prompt per sequence and 8 warm-up steps; batched sequences take one token each per decode, as"
    echo "the server's continuous batching does. HTTP: streamed \`/v1/completions\` through Switchboard (provider \`llamacpp\`,"
    echo "parallel 4, contextSize 512), temperature 0, prompt \"$PROMPT\", after one unmeasured round of 64-token streams;"
    echo "tokens/s = (completion_tokens − 1) summed over the streams ÷ (latest last content chunk − earliest first content"
    echo "chunk), i.e. the same decode steps the raw loop times. Weights: llama.cpp's \`llama_model_size\`."
} >"$REPORT"

mkdir -p bench/results
cp "$REPORT" "bench/results/local-$STAMP.md"
rm -rf "bench/results/local-$STAMP"
cp -r "$RUN" "bench/results/local-$STAMP"
echo >&2
cat "$REPORT"
log "wrote bench/results/local-$STAMP.md and bench/results/local-$STAMP/"
