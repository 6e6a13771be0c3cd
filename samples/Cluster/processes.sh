# Sourced by run.sh and bench.sh after they set `app` (the sample's command) and `common` (its shared options):
# background processes started with `... & pids+=($!)` are stopped, and the run's schema dropped, when the script exits;
# `ready FILE NAME` waits up to 60 s for a process to print its "ready" line (Orleans has joined it to the cluster).
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  $app drop "${common[@]}" || true
}
trap cleanup EXIT

logs=$(mktemp -d)
ready() {
  for _ in $(seq 600); do grep -q ready "$1" && return 0; sleep 0.1; done
  echo "$2 did not start; its output:" >&2; cat "$1" >&2; exit 1
}
