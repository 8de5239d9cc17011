# Shared by the benchmark scripts (sourced, not run): a temporary work directory ($WORK, removed on
# exit) and the server they start in it ($SERVER_PID, stopped on exit).
# Usage: source "$(dirname "$0")/bench-common.sh" <mktemp prefix>

WORK="$(mktemp -d -t "$1.XXXXXX")"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$WORK"
}
trap cleanup EXIT
