#!/usr/bin/env bash
# Throughput of one study run by N processes on this machine (docs/benchmarks.md, "Cluster throughput"):
#   samples/Cluster/bench.sh pg|orleans WORKERS TRIALS SLOTS trivial|sleep
# pg: N processes share the study through PostgreSQL alone (the 'standalone' role: no Orleans, no process in charge).
# orleans: N worker silos and a coordinator silo on loopback (as run.sh), the coordinator choosing every trial.
# Prints the study's span as PostgreSQL recorded it (first trial's start to last trial's end: process start-up not counted).
# ASK_AHEAD=0 turns off the workers' asking ahead (AttrHpoSiloOptions.AskAhead). ATTRHPO_POSTGRES names the server; add ';Options=-c synchronous_commit=off' to it to see what the commits' flushes cost.
set -euo pipefail
cd "$(dirname "$0")"
[ $# -eq 5 ] || { echo "usage: bench.sh pg|orleans WORKERS TRIALS SLOTS trivial|sleep" >&2; exit 2; }
mode=$1 workers=$2 trials=$3 slots=$4 objective=$5
# CLUSTER_DLL runs another build of the sample (to compare two versions); otherwise this one, built now.
[ -n "${CLUSTER_DLL:-}" ] || dotnet build -c Release -v quiet -nologo . >/dev/null
app="dotnet ${CLUSTER_DLL:-bin/Release/net10.0/Cluster.dll}"
schema="cluster_bench_$$"
common=(--schema "$schema")
study=(--study bench --trials "$trials" --objective "$objective")
$app setup "${common[@]}" --fresh 1 >/dev/null
source ./processes.sh

case "$mode" in
  pg)
    runs=()
    for i in $(seq "$workers"); do
      $app standalone "${common[@]}" "${study[@]}" --slots "$slots" >"$logs/standalone$i" 2>&1 & runs+=($!)
    done
    for pid in "${runs[@]}"; do wait "$pid"; done
    ;;
  orleans)
    for i in $(seq "$workers"); do
      $app worker "${common[@]}" --port $((11120 + i)) --slots "$slots" --ask-ahead "${ASK_AHEAD:-1}" >"$logs/worker$i" 2>&1 & pids+=($!)
    done
    for i in $(seq "$workers"); do ready "$logs/worker$i" "worker $i"; done
    $app coordinator "${common[@]}" "${study[@]}" --port 11112 | grep -E "^study"
    ;;
  *) echo "mode: pg or orleans" >&2; exit 2 ;;
esac
echo "$mode, $workers processes x $slots slots, $objective: $($app span "${common[@]}" --study bench)"
