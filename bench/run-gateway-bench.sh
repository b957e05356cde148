#!/usr/bin/env bash
# Gateway benchmark: the mock upstream measured directly, behind nginx, and behind Switchboard, side by side.
# Usage (from anywhere; paths are relative to the repository root):
#   bench/run-gateway-bench.sh                   # full run, ~5 minutes of load
#   BENCH_DURATION=5 bench/run-gateway-bench.sh  # quick run
# Settings (environment variables):
#   BENCH_DURATION=15        measured seconds of every phase (per-phase overrides below)
#   BENCH_LATENCY_DURATION, BENCH_RPS_DURATION, BENCH_SSE_DURATION
#   BENCH_WARMUP=3           unmeasured seconds before each load-tool phase
#   BENCH_CONNECTIONS=64     connections of the max-RPS phase (load tool and wrk)
#   BENCH_STREAMS=20         concurrent streams of the second SSE phase
#   BENCH_NGINX_WORKERS=auto nginx worker_processes (auto = one per core, like Switchboard's thread pool; or 1)
#   BENCH_TARGETS="direct nginx switchboard"
#   BENCH_SWITCHBOARD_LOG=file   where Switchboard's JSON log goes: file (temp dir) or null (/dev/null)
#   BENCH_SKIP_BUILD=0       1 to reuse the existing Release builds
#   BENCH_KEEP_TMP=0         1 to keep the temp dir (configs, logs) after a successful run
# Writes bench/results/<UTC timestamp>.md and .json, and the raw per-phase files in bench/results/<timestamp>/.
# Timings are figures to read, never a pass/fail of this script: it exits non-zero only when something broke.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION="${BENCH_DURATION:-15}"
LATENCY_DURATION="${BENCH_LATENCY_DURATION:-$DURATION}"
RPS_DURATION="${BENCH_RPS_DURATION:-$DURATION}"
SSE_DURATION="${BENCH_SSE_DURATION:-$DURATION}"
WARMUP="${BENCH_WARMUP:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
STREAMS="${BENCH_STREAMS:-20}"
NGINX_WORKERS="${BENCH_NGINX_WORKERS:-auto}"
TARGETS="${BENCH_TARGETS:-direct nginx switchboard}"
SWITCHBOARD_LOG="${BENCH_SWITCHBOARD_LOG:-file}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
KEEP_TMP="${BENCH_KEEP_TMP:-0}"
ADMIN_KEY="sb-bench-admin-key-0123456789"

MOCK_DLL="bench/Switchboard.Bench.MockUpstream/bin/Release/net10.0/Switchboard.Bench.MockUpstream.dll"
LOADTOOL_DLL="bench/Switchboard.Bench.LoadTool/bin/Release/net10.0/Switchboard.Bench.LoadTool.dll"
SERVER_DLL="src/Switchboard.Server/bin/Release/net10.0/switchboard.dll"

BENCH_TAG=bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# --- tools ------------------------------------------------------------------------------------------
if ! command -v nginx >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1; then
    log "installing nginx-light and wrk"
    SUDO=""
    [[ $EUID -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update && $SUDO apt-get install -y nginx-light wrk
fi
command -v curl >/dev/null 2>&1 || die "curl is required"

if [[ "$SKIP_BUILD" != "1" ]]; then
    log "building Release: mock upstream, load tool, server"
    for project in bench/Switchboard.Bench.MockUpstream bench/Switchboard.Bench.LoadTool src/Switchboard.Server; do
        dotnet build -c Release "$project" -nologo -v quiet >/dev/null || {
            dotnet build -c Release "$project" -nologo -v quiet 2>&1 | tail -20 >&2
            die "build of $project failed"
        }
    done
fi
for dll in "$MOCK_DLL" "$LOADTOOL_DLL" "$SERVER_DLL"; do
    [[ -f "$dll" ]] || die "missing $dll (run without BENCH_SKIP_BUILD=1)"
done

# --- temp dir, ports --------------------------------------------------------------------------------
WORK="$(mktemp -d -t switchboard-bench.XXXXXX)"
RUN="$WORK/run"
mkdir -p "$RUN"
MOCK_PORT="$(free_port)"
NGINX_PORT="$(free_port)"
SB_PORT="$(free_port)"

# --- mock upstream ---------------------------------------------------------------------------------
log "starting mock upstream on :$MOCK_PORT"
dotnet "$MOCK_DLL" --port "$MOCK_PORT" >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!
PIDS+=("$MOCK_PID")
wait_ready "mock" "http://127.0.0.1:$MOCK_PORT/healthz" "$MOCK_PID"

# --- nginx: reverse proxy with upstream keepalive, unbuffered so SSE flows through ---------------
mkdir -p "$WORK/nginx-tmp"
NGINX_USER=""
if [[ $EUID -eq 0 ]]; then
    # Workers must not run as root; they touch no files, so nobody will do.
    if getent group nogroup >/dev/null 2>&1; then NGINX_USER="user nobody nogroup;"; else NGINX_USER="user nobody;"; fi
fi
cat >"$WORK/nginx.conf" <<EOF
$NGINX_USER
worker_processes $NGINX_WORKERS;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx-tmp/body;
    proxy_temp_path $WORK/nginx-tmp/proxy;
    fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
    scgi_temp_path $WORK/nginx-tmp/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 300s;
    upstream mock {
        server 127.0.0.1:$MOCK_PORT;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://mock;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
EOF
if [[ " $TARGETS " == *" nginx "* ]]; then
    log "starting nginx (worker_processes $NGINX_WORKERS) on :$NGINX_PORT"
    nginx -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log" &
    NGINX_PID=$!
    PIDS+=("$NGINX_PID")
    wait_ready "nginx" "http://127.0.0.1:$NGINX_PORT/healthz" "$NGINX_PID"
fi

# --- Switchboard -----------------------------------------------------------------------------------
# Config and log live in separate directories: the config watcher watches its directory, and would
# otherwise be woken by every log write.
mkdir -p "$WORK/config" "$WORK/logs"
cat >"$WORK/config/switchboard.json" <<EOF
{
  "providers": [ { "name": "mock", "type": "openai", "baseUrl": "http://127.0.0.1:$MOCK_PORT/v1" } ],
  "models": [ { "alias": "bench", "deployments": [ { "provider": "mock", "model": "mock-model" } ] } ]
}
EOF
SB_LOG="$WORK/logs/switchboard.log"
[[ "$SWITCHBOARD_LOG" == "null" ]] && SB_LOG="/dev/null"
SB_PID=""
if [[ " $TARGETS " == *" switchboard "* ]]; then
    log "starting Switchboard on :$SB_PORT (log: $SB_LOG)"
    SWITCHBOARD_ADMIN_KEY="$ADMIN_KEY" dotnet "$SERVER_DLL" serve --port "$SB_PORT" --config "$WORK/config/switchboard.json" \
        --data "$WORK/data" --log-format json --shutdown-timeout 2 >"$SB_LOG" 2>&1 &
    SB_PID=$!
    PIDS+=("$SB_PID")
    wait_ready "switchboard" "http://127.0.0.1:$SB_PORT/healthz" "$SB_PID"
fi

# --- request bodies and the wrk script -------------------------------------------------------------
printf '%s' '{"model":"bench","messages":[{"role":"user","content":"Say hello in one short sentence."}]}' >"$WORK/chat.json"
printf '%s' '{"model":"bench","stream":true,"messages":[{"role":"user","content":"Say hello in one short sentence."}]}' >"$WORK/chat-stream.json"
cat >"$WORK/post.lua" <<EOF
local f = assert(io.open("$WORK/chat.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $ADMIN_KEY"
EOF

url_of() {
    case "$1" in
        direct) echo "http://127.0.0.1:$MOCK_PORT/v1/chat/completions" ;;
        nginx) echo "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" ;;
        switchboard) echo "http://127.0.0.1:$SB_PORT/v1/chat/completions" ;;
        *) die "unknown target $1" ;;
    esac
}

# One request of each kind through every target before any load: a broken relay fails here, loudly.
for target in $TARGETS; do
    url="$(url_of "$target")"
    code="$(curl -sS -o "$WORK/smoke-$target.json" -w '%{http_code}' -H "Authorization: Bearer $ADMIN_KEY" \
        -H 'Content-Type: application/json' --data-binary "@$WORK/chat.json" "$url")"
    [[ "$code" == "200" ]] || die "$target: POST $url answered $code: $(head -c 300 "$WORK/smoke-$target.json")"
    curl -sS -N -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        --data-binary "@$WORK/chat-stream.json" "$url" >"$WORK/smoke-$target.sse"
    tail -c 64 "$WORK/smoke-$target.sse" | grep -q 'data: \[DONE\]' || die "$target: the stream did not end with [DONE]"
done
log "smoke requests passed for: $TARGETS"

# --- Switchboard's resident set, once a second, labelled with the current phase -------------------
echo "start" >"$WORK/phase"
if [[ -n "$SB_PID" ]]; then
    (
        while kill -0 "$SB_PID" 2>/dev/null; do
            kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$SB_PID/status" 2>/dev/null || true)"
            [[ -n "$kb" ]] && printf '%s\t%s\n' "$(cat "$WORK/phase")" "$kb" >>"$RUN/rss.tsv"
            sleep 1
        done
    ) &
    PIDS+=("$!")
fi

# --- settings, for the report ----------------------------------------------------------------------
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
    echo "machine=$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(free -g | awk '/^Mem:/ { print $2 }') GiB"
    echo "load average at start=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "durations=latency ${LATENCY_DURATION} s, max RPS ${RPS_DURATION} s, SSE ${SSE_DURATION} s; warm-up ${WARMUP} s per load-tool phase"
    echo "connections=1 (latency), $CONNECTIONS (max RPS, load tool and wrk -t2), 1 and $STREAMS (SSE)"
    echo "nginx=$(nginx -v 2>&1 | sed 's/^nginx version: //'), worker_processes $NGINX_WORKERS, upstream keepalive 64, proxy_buffering off"
    echo "switchboard=Release, --log-format json, log to $([[ "$SWITCHBOARD_LOG" == "null" ]] && echo /dev/null || echo a file)"
    echo "dotnet=$(dotnet --version)"
    echo "extra environment=$(env | grep -E '^(Logging__|DOTNET_|ASPNETCORE_)' | grep -vE '^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET|SKIP_FIRST)' | sort | tr '\n' ' ' || true)"
} >"$RUN/settings.txt"

# --- the phases --------------------------------------------------------------------------------------
load() { # target phase [load tool options...]
    local target="$1" phase="$2"
    shift 2
    echo "$target-$phase" >"$WORK/phase"
    log "$target: $phase"
    dotnet "$LOADTOOL_DLL" --url "$(url_of "$target")" --header "Authorization: Bearer $ADMIN_KEY" \
        --json-out "$RUN/$target-$phase.json" "$@" | tee -a "$RUN/console.txt" >&2
}

# Phase by phase, every target in turn: figures compared with each other are taken minutes apart at most,
# which matters on a shared machine whose background load drifts.
run_wrk() { # target
    local target="$1"
    echo "$target-wrk" >"$WORK/phase"
    log "$target: wrk -t2 -c$CONNECTIONS -d${RPS_DURATION}s"
    wrk -t2 -c"$CONNECTIONS" -d"${RPS_DURATION}s" --latency -s "$WORK/post.lua" "$(url_of "$target")" >"$RUN/$target-wrk.txt"
    grep -E 'Requests/sec|Non-2xx|Socket errors' "$RUN/$target-wrk.txt" >&2 || true
}
for target in $TARGETS; do
    load "$target" latency --body "$WORK/chat.json" --connections 1 --duration "$LATENCY_DURATION" --warmup "$WARMUP"
    sleep 1
done
for target in $TARGETS; do
    load "$target" rps --body "$WORK/chat.json" --connections "$CONNECTIONS" --duration "$RPS_DURATION" --warmup "$WARMUP"
    sleep 1
    run_wrk "$target"
    sleep 1
done
for target in $TARGETS; do
    load "$target" sse1 --body "$WORK/chat-stream.json" --sse --connections 1 --duration "$SSE_DURATION" --warmup "$WARMUP"
done
for target in $TARGETS; do
    load "$target" "sse$STREAMS" --body "$WORK/chat-stream.json" --sse --connections "$STREAMS" --duration "$SSE_DURATION" --warmup "$WARMUP"
done
echo "load average at end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RUN/settings.txt"
echo "end" >"$WORK/phase"

if [[ -n "$SB_PID" && "$SB_LOG" != "/dev/null" ]]; then
    log "switchboard log: $(wc -l <"$SB_LOG") lines, $(grep -c '"LogLevel":"\(Warning\|Error\|Critical\)"' "$SB_LOG" || true) warnings or errors"
fi

# --- report -----------------------------------------------------------------------------------------
mkdir -p bench/results
[[ -f "$RUN/rss.tsv" ]] && grep -v -E $'^(start|end)\t' "$RUN/rss.tsv" >"$RUN/rss-load.tsv" || true
if [[ -s "$RUN/rss-load.tsv" ]]; then
    # The report's steady figure is the median of the last phase; start-up and idle tail are not load.
    { grep -E $'^start\t' "$RUN/rss.tsv" | head -1 || true; grep -E $'^switchboard-' "$RUN/rss-load.tsv" || true; } >"$RUN/rss.tsv.tmp"
    mv "$RUN/rss.tsv.tmp" "$RUN/rss.tsv"
fi
rm -f "$RUN/rss-load.tsv"
dotnet "$LOADTOOL_DLL" report --dir "$RUN" --markdown "bench/results/$STAMP.md" --json "bench/results/$STAMP.json"
cp -r "$RUN" "bench/results/$STAMP"
log "wrote bench/results/$STAMP.md, bench/results/$STAMP.json and bench/results/$STAMP/"
