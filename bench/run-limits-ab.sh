#!/usr/bin/env bash
# Control-plane cost A/B (issue #6): Switchboard with auth, limits, budgets and the usage ledger ON against the same
# build with them OFF (and, optionally, the commit before them), all in front of one mock upstream, measured with wrk
# in alternating rounds so that machine noise hits every side alike. Then the slow-database run: the ledger's SQLite
# file is locked for seconds at a time while load runs, and the ledger must end up with one row per request.
# Usage (from anywhere):
#   bench/run-limits-ab.sh                       # 5 rounds of 10 s per side + the slow-database phase, ~5 minutes
#   AB_ROUNDS=3 AB_DURATION=5 bench/run-limits-ab.sh
# Settings: AB_ROUNDS=5, AB_DURATION=10, AB_CONNECTIONS=64, AB_BASE_REF=35d4724 (empty: no base side),
#           AB_SIDES="off on" (diagnosis: add "ledger" = admin key with the ledger on, "limits" = the limited key, ledger off),
#           AB_SLOW_DURATION=20 (seconds of load with the database locked; 0 skips that part), AB_LOCK_SECONDS=5 (each lock).
# ON:  a key (keys create) with requests/min, tokens/min and concurrency limits and a daily and a monthly budget
#      (all far above what the run uses, so every request is checked, reserved and settled, none refused), prices on
#      the deployment, the ledger on (SQLite, DATA/usage.db).
# OFF: the bootstrap admin key (no limits, no budgets) and "usage": { "enabled": false }.
# BASE: the commit before limits, budgets and the ledger, built from `git archive` (no worktree is created).
# Prints one line per round and the mean requests/s of each side with the on/off and on/base ratios, then the
# slow-database figures. Timings are figures to read; the script fails only when something broke (or rows are lost).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${AB_ROUNDS:-5}"
DURATION="${AB_DURATION:-10}"
CONNECTIONS="${AB_CONNECTIONS:-64}"
BASE_REF="${AB_BASE_REF-35d4724}"
SLOW_DURATION="${AB_SLOW_DURATION:-20}"
LOCK_SECONDS="${AB_LOCK_SECONDS:-5}"
ADMIN_KEY="sb-bench-admin-key-0123456789"
KEEP_TMP=0
BENCH_TAG=limits-ab
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for tool in wrk sqlite3 curl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        log "installing $tool"
        SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk sqlite3 curl >/dev/null
    fi
done

WORK="$(mktemp -d -t switchboard-limits-ab.XXXXXX)"
SERVER_DLL="$ROOT/src/Switchboard.Server/bin/Release/net10.0/switchboard.dll"
MOCK_DLL="$ROOT/bench/Switchboard.Bench.MockUpstream/bin/Release/net10.0/Switchboard.Bench.MockUpstream.dll"
log "building head and the mock upstream (Release)"
dotnet build -c Release "$ROOT/src/Switchboard.Server" -nologo -v quiet >/dev/null
dotnet build -c Release "$ROOT/bench/Switchboard.Bench.MockUpstream" -nologo -v quiet >/dev/null
SIDES="${AB_SIDES:-off on}"
if [[ -n "$BASE_REF" ]]; then
    log "building base ($BASE_REF) from git archive"
    mkdir -p "$WORK/base"
    git -C "$ROOT" archive "$BASE_REF" | tar -x -C "$WORK/base"
    dotnet build -c Release "$WORK/base/src/Switchboard.Server" -nologo -v quiet >/dev/null
    SIDES="base $SIDES"
fi

MOCK_PORT="$(free_port)"
dotnet "$MOCK_DLL" --port "$MOCK_PORT" >"$WORK/mock.log" 2>&1 &
PIDS+=($!)
wait_ready mock "http://127.0.0.1:$MOCK_PORT/healthz" "$!"

# Config and data in separate directories per side (the config watcher watches its directory).
config() { # dir ledger-enabled
    mkdir -p "$1"
    cat >"$1/switchboard.json" <<JSON
{ "providers": [ { "name": "mock", "type": "openai", "baseUrl": "http://127.0.0.1:$MOCK_PORT/v1" } ],
  "models": [ { "alias": "bench", "deployments": [ { "provider": "mock", "model": "mock-model",
                "price": { "inputPer1M": 0.15, "outputPer1M": 0.6, "currency": "USD" } } ] } ],
  "usage": { "enabled": $2 } }
JSON
}
config "$WORK/off-config" false
config "$WORK/on-config" true
config "$WORK/ledger-config" true
config "$WORK/limits-config" false
if [[ -n "$BASE_REF" ]]; then
    mkdir -p "$WORK/base-config"
    cat >"$WORK/base-config/switchboard.json" <<JSON
{ "providers": [ { "name": "mock", "type": "openai", "baseUrl": "http://127.0.0.1:$MOCK_PORT/v1" } ],
  "models": [ { "alias": "bench", "deployments": [ { "provider": "mock", "model": "mock-model",
                "price": { "inputPer1M": 0.15, "outputPer1M": 0.6, "currency": "USD" } } ] } ] }
JSON
fi

# The ON side's key, limits and budgets, made with the CLI before the server starts.
ON_DATA="$WORK/on-data"
ON_KEY="$(dotnet "$SERVER_DLL" keys create --name bench --data "$ON_DATA" 2>"$WORK/key.txt")"
KEY_ID="$(awk '{print $2}' "$WORK/key.txt")"
dotnet "$SERVER_DLL" limits set --key "$KEY_ID" --rpm 1000000000 --tpm 2000000000 --concurrent 100000 --data "$ON_DATA" >&2
dotnet "$SERVER_DLL" budgets set --key "$KEY_ID" --period day --limit 1000000000 --soft 90% --data "$ON_DATA" >&2
dotnet "$SERVER_DLL" budgets set --key "$KEY_ID" --period month --limit 1000000000 --data "$ON_DATA" >&2

declare -A PORT KEY PID
start() { # side dll
    PORT[$1]="$(free_port)"
    SWITCHBOARD_ADMIN_KEY="$ADMIN_KEY" dotnet "$2" serve --port "${PORT[$1]}" --config "$WORK/$1-config/switchboard.json" \
        --data "$WORK/$1-data" --log-format json >"$WORK/$1.log" 2>&1 &
    PIDS+=($!)
    PID[$1]=$!
    wait_ready "$1" "http://127.0.0.1:${PORT[$1]}/healthz" "$!"
}
# CPU time (user + system, clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"
# The diagnosis sides share the ON side's key store (a copy of its data directory, made before any side starts).
cp -r "$ON_DATA" "$WORK/limits-data"
for side in $SIDES; do
    case "$side" in
        base) start base "$WORK/base/src/Switchboard.Server/bin/Release/net10.0/switchboard.dll" ;;
        *) start "$side" "$SERVER_DLL" ;;
    esac
done
KEY[base]="$ADMIN_KEY"; KEY[off]="$ADMIN_KEY"; KEY[on]="$ON_KEY"; KEY[ledger]="$ADMIN_KEY"; KEY[limits]="$ON_KEY"

printf '%s' '{"model":"bench","max_tokens":64,"messages":[{"role":"user","content":"Say hello in one short sentence."}]}' >"$WORK/chat.json"
for side in $SIDES; do
    cat >"$WORK/$side.lua" <<LUA
local f = assert(io.open("$WORK/chat.json", "rb"))
wrk.method = "POST"; wrk.body = f:read("*a"); f:close()
wrk.headers["Content-Type"] = "application/json"; wrk.headers["Authorization"] = "Bearer ${KEY[$side]}"
LUA
    code="$(curl -sS -o "$WORK/smoke-$side.json" -w '%{http_code}' -H "Authorization: Bearer ${KEY[$side]}" -H 'Content-Type: application/json' \
        --data-binary "@$WORK/chat.json" "http://127.0.0.1:${PORT[$side]}/v1/chat/completions")"
    [[ "$code" == "200" ]] || die "$side answered $code: $(head -c 300 "$WORK/smoke-$side.json")"
done

run() { # side seconds connections → "req/s non2xx p50 p99 server-cpu-µs-per-request"
    local before after
    before="$(cpu_ticks "${PID[$1]}")"
    wrk -t2 -c"$3" -d"$2s" --latency -s "$WORK/$1.lua" "http://127.0.0.1:${PORT[$1]}/v1/chat/completions" >"$WORK/wrk.txt"
    after="$(cpu_ticks "${PID[$1]}")"
    awk -v ticks="$((after - before))" -v hz="$TICKS_PER_SECOND" \
        '/Requests\/sec/ {rps=$2} /requests in/ {n=$1} /Non-2xx/ {bad=$4} / 50%/ {p50=$2} / 99%/ {p99=$2}
         END {printf "%s %s %s %s %.1f\n", rps, (bad==""?0:bad), p50, p99, (n > 0 ? ticks / hz * 1e6 / n : 0)}' "$WORK/wrk.txt"
}

log "warm-up"
for side in $SIDES; do run "$side" 3 "$CONNECTIONS" >/dev/null; done
: >"$WORK/rounds.txt"
for round in $(seq 1 "$ROUNDS"); do
    line="round $round:"
    cpu="cpu µs/request:"
    for side in $SIDES; do
        read -r rps bad _ _ us < <(run "$side" "$DURATION" "$CONNECTIONS")
        [[ "$bad" == "0" ]] || die "$side: $bad non-2xx responses"
        line="$line $side $rps"
        cpu="$cpu $side $us"
    done
    echo "$line" | tee -a "$WORK/rounds.txt"
    echo "  $cpu" | tee -a "$WORK/cpu.txt"
done
awk '{ for (i = 3; i <= NF; i += 2) { sum[$i] += $(i + 1); n[$i]++ } }
     END { off = sum["off"] / n["off"]; on = sum["on"] / n["on"];
           printf "mean: off %.0f req/s, on %.0f req/s, on/off %.3f (loss %.1f %%)", off, on, on / off, 100 * (1 - on / off);
           if (n["base"] > 0) { base = sum["base"] / n["base"]; printf "; base %.0f req/s, on/base %.3f (loss %.1f %%)", base, on / base, 100 * (1 - on / base) }
           for (side in n) if (side != "on" && side != "off" && side != "base") printf "; %s %.0f req/s (%.3f of off)", side, sum[side] / n[side], sum[side] / n[side] / off
           printf "\n" }' "$WORK/rounds.txt"
# The median of the rounds' on/off (and on/base) ratios: one busy round (other work on the machine) cannot move it much.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) printf "%.3f", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" '{ for (i = 3; i <= NF; i += 2) v[$i] = $(i + 1); if (v[b] > 0) print v[a] / v[b] }' "$WORK/rounds.txt"; }
printf 'median of the rounds: on/off %s' "$(ratio on off | median)"
[[ " $SIDES " == *" base "* ]] && printf ', on/base %s' "$(ratio on base | median)"
printf '\n'
# Server CPU per request: robust to other load on the machine (it counts only the server's own work).
awk '{ for (i = 3; i <= NF; i += 2) { sum[$i] += $(i + 1); n[$i]++ } }
     END { printf "server CPU per request:"; for (side in n) printf " %s %.1f µs", side, sum[side] / n[side];
           if (n["off"] > 0 && n["on"] > 0) printf "; on/off %.3f", (sum["on"] / n["on"]) / (sum["off"] / n["off"]);
           printf "\n" }' "$WORK/cpu.txt"

# --- the slow database: requests must not wait for it, and no ledger row may be lost ---------------------------------
requests_total() { # port → sum of switchboard_requests_total
    curl -fsS "http://127.0.0.1:$1/metrics" | awk '/^switchboard_requests_total/ { s += $NF } END { printf "%.0f\n", s }'
}
USAGE_DB="$ON_DATA/usage.db"
if [ "$SLOW_DURATION" -eq 0 ]; then
  log "AB_SLOW_DURATION=0: the slow-database part is skipped"
  exit 0
fi
log "slow database: latency at 8 connections with the ledger's database free, then locked ${LOCK_SECONDS} s at a time"
read -r free_rps _ free_p50 free_p99 _ < <(run on "$SLOW_DURATION" 8)
(
    end=$((SECONDS + SLOW_DURATION + 2))
    while (( SECONDS < end )); do
        sqlite3 "$USAGE_DB" "BEGIN EXCLUSIVE;" ".shell sleep $LOCK_SECONDS" "COMMIT;" >/dev/null 2>&1 || true
        sleep 0.2
    done
) &
LOCKER=$!
sleep 0.5
read -r slow_rps _ slow_p50 slow_p99 _ < <(run on "$SLOW_DURATION" 8)
wait "$LOCKER" || true
served="$(requests_total "${PORT[on]}")"
log "waiting for the ledger to catch up with $served requests"
rows=0
for _ in $(seq 1 300); do
    rows="$(sqlite3 "$USAGE_DB" "PRAGMA busy_timeout = 5000; SELECT count(*) FROM usage_records;" 2>/dev/null | tail -1)"
    [[ "$rows" == "$served" ]] && break
    sleep 1
done
spilled="$(grep -c 'rows go to' "$WORK/on.log" || true)"
echo "slow database: free ${free_rps} req/s p50 ${free_p50} p99 ${free_p99}; locked ${slow_rps} req/s p50 ${slow_p50} p99 ${slow_p99}"
echo "ledger: ${served} requests served (metrics), ${rows} rows stored; spill files started: ${spilled}"
[[ "$rows" == "$served" ]] || die "ledger rows ($rows) != requests ($served)"
