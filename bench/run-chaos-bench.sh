#!/usr/bin/env bash
# Chaos run (routing issue #3): one of three deployments fails 30 % of its requests; the client must
# see no error (non-streamed), and we report what the failovers cost in latency.
# Usage (from anywhere):  bench/run-chaos-bench.sh        BENCH_DURATION=5 bench/run-chaos-bench.sh
# Settings: BENCH_DURATION=15 (measured s per phase), BENCH_WARMUP=3, BENCH_CONNECTIONS=8,
#           BENCH_FAIL_RATE=0.3, BENCH_SKIP_BUILD=0.
# The gateway runs once; the config is switched from the calm to the chaos layout by hot reload.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${BENCH_DURATION:-15}"
WARMUP="${BENCH_WARMUP:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
FAIL_RATE="${BENCH_FAIL_RATE:-0.3}"
ADMIN_KEY="sb-bench-admin-key-0123456789"
MOCK_DLL="bench/Switchboard.Bench.MockUpstream/bin/Release/net10.0/Switchboard.Bench.MockUpstream.dll"
LOADTOOL_DLL="bench/Switchboard.Bench.LoadTool/bin/Release/net10.0/Switchboard.Bench.LoadTool.dll"
SERVER_DLL="src/Switchboard.Server/bin/Release/net10.0/switchboard.dll"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="bench/results/chaos-$STAMP"
WORK="$(mktemp -d)"
PIDS=()

log() { printf '[chaos %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { for _ in $(seq 1 150); do curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null && return; sleep 0.2; done; log "not ready: $1"; exit 1; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building Release"
    for project in bench/Switchboard.Bench.MockUpstream bench/Switchboard.Bench.LoadTool src/Switchboard.Server; do
        dotnet build -c Release "$project" --nologo -v quiet -clp:ErrorsOnly >&2
    done
fi

CALM_PORT="$(free_port)"; FLAKY_PORT="$(free_port)"; SB_PORT="$(free_port)"
dotnet "$MOCK_DLL" --port "$CALM_PORT" >"$WORK/calm.log" 2>&1 & PIDS+=($!)
dotnet "$MOCK_DLL" --port "$FLAKY_PORT" --fail-rate "$FAIL_RATE" >"$WORK/flaky.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$CALM_PORT/healthz"; wait_ready "http://127.0.0.1:$FLAKY_PORT/healthz"

config() { # first-deployment's provider
    cat <<JSON
{ "providers": [ { "name": "calm", "type": "openai", "baseUrl": "http://127.0.0.1:$CALM_PORT/v1" },
                 { "name": "flaky", "type": "openai", "baseUrl": "http://127.0.0.1:$FLAKY_PORT/v1" } ],
  "models": [ { "alias": "bench", "policy": "round-robin", "deployments": [
      { "provider": "$1", "model": "model-a" }, { "provider": "calm", "model": "model-b" }, { "provider": "calm", "model": "model-c" } ] } ] }
JSON
}
mkdir -p "$WORK/config" "$RESULTS"
config calm >"$WORK/config/switchboard.json"
SWITCHBOARD_ADMIN_KEY="$ADMIN_KEY" dotnet "$SERVER_DLL" serve --port "$SB_PORT" --config "$WORK/config/switchboard.json" \
    --data "$WORK/data" --log-format json >"$WORK/switchboard.log" 2>&1 & PIDS+=($!)
wait_ready "http://127.0.0.1:$SB_PORT/healthz"

run() { # phase
    dotnet "$LOADTOOL_DLL" --url "http://127.0.0.1:$SB_PORT/v1/chat/completions" --header "Authorization: Bearer $ADMIN_KEY" \
        --body-json '{"model":"bench","messages":[{"role":"user","content":"hi"}]}' \
        --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --json-out "$RESULTS/$1.json" | tee "$RESULTS/$1.txt" >&2
}

log "calm: three healthy deployments, round-robin"
run calm
log "chaos: switching deployment 1 to an upstream that fails $FAIL_RATE of requests (hot reload)"
config flaky >"$WORK/config/switchboard.json"
for _ in $(seq 1 50); do grep -q "Configuration reloaded" "$WORK/switchboard.log" && break; sleep 0.1; done
run chaos
curl -fsS "http://127.0.0.1:$SB_PORT/metrics" | grep -E '^switchboard_errors_total' >"$RESULTS/errors.txt" || true

python3 - "$RESULTS" "$FAIL_RATE" <<'PY'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1]); rate = sys.argv[2]
def load(name):
    j = json.loads((d / f"{name}.json").read_text())
    return j
calm, chaos = load("calm"), load("chaos")
lines = [f"# Chaos run {d.name}", "", f"One of three deployments fails {rate} of its requests (500); round-robin; non-streamed.", ""]
lines.append("| | calm | chaos | added |"); lines.append("|---|---|---|---|")
for key in ("p50Us", "p99Us", "p999Us"):
    a, b = calm["latency"][key], chaos["latency"][key]
    lines.append(f"| {key[:-2]} µs | {a:.1f} | {b:.1f} | {b - a:+.1f} |")
lines.append(f"| requests/s | {calm['requestsPerSecond']:.0f} | {chaos['requestsPerSecond']:.0f} | |")
lines.append(f"| client-visible errors | {calm['errors']} | {chaos['errors']} | |")
lines += ["", "Upstream failures absorbed by failover (gateway metrics):", "```", (d / "errors.txt").read_text().strip(), "```"]
(d.parent / f"{d.name}.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
