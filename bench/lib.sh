# Helpers shared by the benchmark scripts; sourced, not run. The script sets BENCH_TAG (log prefix) and
# KEEP_TMP before sourcing, then fills PIDS with the processes it starts and WORK with its temp dir.
# shellcheck shell=bash

log() { printf '[%s %s] %s\n' "$BENCH_TAG" "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- processes we start, stopped on any exit; the temp dir goes too unless kept ----------------------
PIDS=()
WORK=""
cleanup() {
    local rc=$?
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        if [[ $rc -eq 0 && "$KEEP_TMP" != "1" ]]; then
            rm -rf "$WORK"
        else
            log "temp dir kept: $WORK"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port, never one this script already handed out.
TAKEN_PORTS=" "
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 40000))
        [[ "$TAKEN_PORTS" == *" $port "* ]] && continue
        if command -v ss >/dev/null 2>&1; then
            [[ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]] || continue
        elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi
        TAKEN_PORTS="$TAKEN_PORTS$port "
        echo "$port"
        return
    done
}

wait_ready() { # name url pid
    local name="$1" url="$2" pid="$3"
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || die "$name exited during start-up (logs in $WORK)"
        if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then
            log "$name ready on $url"
            return
        fi
        sleep 0.2
    done
    die "$name not ready after 30 s ($url)"
}
