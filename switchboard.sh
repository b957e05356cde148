#!/usr/bin/env bash
# Switchboard's one entry point on a fresh machine.
#   ./switchboard.sh up            check .NET, restore and build, start on http://127.0.0.1:8080
#   ./switchboard.sh test          check .NET, restore and build, run the whole test suite
#   ./switchboard.sh <verb> ...    any CLI verb (serve, keys, config …), built on first use
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
CONFIGURATION="${SWITCHBOARD_CONFIGURATION:-Release}"
SERVER_DLL="$ROOT/src/Switchboard.Server/bin/$CONFIGURATION/net10.0/switchboard.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m[switchboard]\033[0m %s\n' "$*" >&2; }

# The .NET SDK is not in Debian's archive; it must be on the machine already (see README).
ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "The .NET SDK 10.0 is required (dotnet not found on PATH). See README.md, 'Requirements'."
    exit 1
  fi
  if ! dotnet --list-sdks | grep -q '^10\.'; then
    log "The .NET SDK 10.0 is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
    exit 1
  fi
}

# Builds the server when it has never been built or a source file is newer than the binary.
build_server_if_needed() {
  if [ ! -f "$SERVER_DLL" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props -newer "$SERVER_DLL" -type f -print -quit)" ]; then
    log "Building Switchboard ($CONFIGURATION)…"
    dotnet build src/Switchboard.Server/Switchboard.Server.csproj -c "$CONFIGURATION" --nologo -v quiet -clp:ErrorsOnly >&2
  fi
}

# llama.cpp's prebuilt CPU libraries (docs/local-models.md), fetched once from npm into native/llama
# (git-ignored). Idempotent: a complete folder is left alone. npm comes from Debian when missing.
LLAMA_PACKAGE="@node-llama-cpp/linux-x64@3.22.1"
LLAMA_DIR="$ROOT/native/llama"
ensure_llama() {
  if [ -f "$LLAMA_DIR/libllama.v0.5.0.so" ] && [ -f "$LLAMA_DIR/libggml.v0.5.0.so" ] && [ -f "$LLAMA_DIR/libggml-base.so" ]; then
    return
  fi
  if ! command -v npm >/dev/null 2>&1; then
    log "Installing npm (Debian) to fetch llama.cpp…"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq npm >/dev/null
  fi
  log "Fetching llama.cpp ($LLAMA_PACKAGE) into native/llama…"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$LLAMA_PACKAGE" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$LLAMA_DIR"
  cp "$tmp"/package/bins/linux-x64/*.so "$LLAMA_DIR/"
  rm -rf "$tmp"
}

# Redis (limits and budgets shared by several gateway processes, docs/limits-and-budgets.md). The tests start a
# private redis-server of their own; the server only needs one when limits.redis is configured. Idempotent.
ensure_redis() {
  if command -v redis-server >/dev/null 2>&1; then
    return
  fi
  log "Installing redis-server (Debian)…"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq redis-server >/dev/null
  # The package starts a system-wide instance; ours are started by the tests (or by you) on their own ports.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
    $sudo systemctl disable --now redis-server >/dev/null 2>&1 || true
  fi
}

# Debian's Chromium for the browser tests (docs/web.md). Idempotent; the tests never download a browser.
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return
  fi
  log "Installing Chromium (Debian) for the browser tests…"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium >/dev/null
}

run_cli() {
  build_server_if_needed
  exec dotnet "$SERVER_DLL" "$@"
}

cmd_up() {
  ensure_dotnet
  ensure_llama
  build_server_if_needed
  mkdir -p data
  if [ ! -f data/switchboard.json ]; then
    cp samples/switchboard.json data/switchboard.json
    log "Wrote data/switchboard.json from samples/switchboard.json (edit it while the server runs)."
  fi
  if [ -z "${SWITCHBOARD_ADMIN_KEY:-}" ] && [ ! -s data/first-key.txt ]; then
    dotnet "$SERVER_DLL" keys create --name first-key --data data > data/first-key.txt 2>/dev/null
    chmod 600 data/first-key.txt
    log "Created an API key for you: $(cat data/first-key.txt)  (kept in data/first-key.txt)"
  fi
  log "Starting on http://127.0.0.1:8080 — try: curl -H \"Authorization: Bearer \$(cat data/first-key.txt)\" http://127.0.0.1:8080/v1/models"
  exec dotnet "$SERVER_DLL" serve --port "${SWITCHBOARD_PORT:-8080}" --config data/switchboard.json --data data "$@"
}

cmd_test() {
  ensure_dotnet
  ensure_llama
  ensure_redis
  ensure_chromium
  local results="$ROOT/artifacts/test-results"
  rm -rf "$results"; mkdir -p "$results"
  log "Building the solution…"
  if ! dotnet build Switchboard.slnx -c "$CONFIGURATION" --nologo -v quiet -clp:"ErrorsOnly;Summary"; then
    log "Build failed."
    echo "0 passed, 1 failed"
    return 1
  fi
  log "Running the test suite…"
  local status=0
  dotnet test Switchboard.slnx -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx" --results-directory "$results" \
    --blame-hang-timeout 5m "$@" 2>&1 | tee "$results/console.log" || status=$?
  # Totals from the result files, one per test project.
  local passed failed skipped
  passed=$(grep -ho '<Counters [^>]*' "$results"/*.trx 2>/dev/null | sed -n 's/.* passed="\([0-9]*\)".*/\1/p' | awk '{s+=$1} END {print s+0}')
  failed=$(grep -ho '<Counters [^>]*' "$results"/*.trx 2>/dev/null | sed -n 's/.* failed="\([0-9]*\)".*/\1/p' | awk '{s+=$1} END {print s+0}')
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1  # the runner itself failed (crash, hang): count it so the run cannot look green
  fi
  # Skipped tests are counted in total but not in executed.
  skipped=$(grep -ho '<Counters [^>]*' "$results"/*.trx 2>/dev/null | sed -n 's/.* total="\([0-9]*\)" executed="\([0-9]*\)".*/\1 \2/p' | awk '{s+=$1-$2} END {print s+0}')
  if [ "$skipped" -gt 0 ]; then
    echo "$skipped skipped (live provider tests: they run when their credentials are set, see docs/providers.md)"
  fi
  echo "$passed passed, $failed failed"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

case "${1:-help}" in
  up) shift; cmd_up "$@" ;;
  test) shift; cmd_test "$@" ;;
  help|-h|--help)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
    echo; ensure_dotnet; run_cli --help ;;
  *) ensure_dotnet; ensure_llama; run_cli "$@" ;;
esac
