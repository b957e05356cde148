#!/usr/bin/env bash
# Routing cost A/B: Switchboard at a base commit (default: the gateway spine as submitted, before routing)
# against the working tree, both in front of the same mock upstream, measured with wrk in alternating
# rounds so that machine noise hits both alike. The head runs with routing switched on: three
# deployments behind a least-in-flight policy, capabilities and context windows, passive health.
# Usage (from anywhere):
#   bench/run-routing-ab.sh                  # 5 rounds of 10 s per side, ~3 minutes
#   AB_ROUNDS=3 AB_DURATION=5 bench/run-routing-ab.sh
# Settings: AB_BASE_REF (default 1ba55d8), AB_ROUNDS=5, AB_DURATION=10, AB_CONNECTIONS=64.
# Prints one line per run and the mean requests/s of each side with the head/base ratio.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE_REF="${AB_BASE_REF:-1ba55d8}"
ROUNDS="${AB_ROUNDS:-5}"
DURATION="${AB_DURATION:-10}"
CONNECTIONS="${AB_CONNECTIONS:-64}"
KEY="sb-bench-admin-key-0123456789"
WORK="$(mktemp -d -t switchboard-ab.XXXXXX)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[ab %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

command -v wrk >/dev/null 2>&1 || { log "installing wrk"; SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"; $SUDO apt-get install -y wrk; }

log "building base ($BASE_REF) and head"
git -C "$ROOT" worktree add --detach "$WORK/base" "$BASE_REF" >/dev/null 2>&1
dotnet build -c Release "$WORK/base/src/Switchboard.Server" -nologo -v quiet >/dev/null
dotnet build -c Release "$ROOT/src/Switchboard.Server" -nologo -v quiet >/dev/null
dotnet build -c Release "$ROOT/bench/Switchboard.Bench.MockUpstream" -nologo -v quiet >/dev/null

port() { echo $((20000 + RANDOM % 40000)); }
MOCK_PORT="$(port)"; BASE_PORT="$(port)"; HEAD_PORT="$(port)"
dotnet "$ROOT/bench/Switchboard.Bench.MockUpstream/bin/Release/net10.0/Switchboard.Bench.MockUpstream.dll" --port "$MOCK_PORT" >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
mkdir -p "$WORK/base-config" "$WORK/head-config"
cat >"$WORK/base-config/switchboard.json" <<JSON
{ "providers": [ { "name": "mock", "type": "openai", "baseUrl": "http://127.0.0.1:$MOCK_PORT/v1" } ],
  "models": [ { "alias": "bench", "deployments": [ { "provider": "mock", "model": "mock-model" } ] } ] }
JSON
cat >"$WORK/head-config/switchboard.json" <<JSON
{ "providers": [ { "name": "mock", "type": "openai", "baseUrl": "http://127.0.0.1:$MOCK_PORT/v1" } ],
  "models": [ { "alias": "bench", "policy": "least-in-flight", "deployments": [
     { "provider": "mock", "model": "mock-model", "maxContextTokens": 32000, "capabilities": { "tools": true } },
     { "provider": "mock", "model": "mock-model-2", "maxContextTokens": 32000 },
     { "provider": "mock", "model": "mock-model-3", "maxContextTokens": 32000 } ] } ] }
JSON
start() { # dll port config data
    SWITCHBOARD_ADMIN_KEY="$KEY" dotnet "$1" serve --port "$2" --config "$3" --data "$4" --log-format json >"$4.log" 2>&1 &
    PIDS+=($!)
}
start "$WORK/base/src/Switchboard.Server/bin/Release/net10.0/switchboard.dll" "$BASE_PORT" "$WORK/base-config/switchboard.json" "$WORK/base-data"
start "$ROOT/src/Switchboard.Server/bin/Release/net10.0/switchboard.dll" "$HEAD_PORT" "$WORK/head-config/switchboard.json" "$WORK/head-data"
for p in "$MOCK_PORT" "$BASE_PORT" "$HEAD_PORT"; do
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$p/healthz" 2>/dev/null && break; sleep 0.2; done
done

printf '%s' '{"model":"bench","messages":[{"role":"user","content":"Say hello in one short sentence."}]}' >"$WORK/chat.json"
cat >"$WORK/post.lua" <<LUA
local f = assert(io.open("$WORK/chat.json", "rb"))
wrk.method = "POST"; wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"; wrk.headers["Authorization"] = "Bearer $KEY"
LUA
run() { wrk -t2 -c"$CONNECTIONS" -d"$1s" -s "$WORK/post.lua" "http://127.0.0.1:$2/v1/chat/completions" | awk '/Requests\/sec/{print $2} /Non-2xx/{print "non2xx", $4 > "/dev/stderr"}'; }
log "warm-up"
run 3 "$BASE_PORT" >/dev/null; run 3 "$HEAD_PORT" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
    b="$(run "$DURATION" "$BASE_PORT")"; h="$(run "$DURATION" "$HEAD_PORT")"
    echo "round $round: base $b req/s, head $h req/s"
done | tee "$WORK/rounds.txt"
awk '{ b += $4; h += $7; n++ } END { printf "mean: base %.0f req/s, head %.0f req/s, head/base %.3f\n", b / n, h / n, h / b }' "$WORK/rounds.txt"
