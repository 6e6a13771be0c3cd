#!/usr/bin/env bash
# A study of Training.Train across real processes on this machine: N worker silos that run its trials and a coordinator
# silo that starts the study and waits for it, all on 127.0.0.1, with the study's trials, the cluster's membership and the
# coordinators' grain state in PostgreSQL (Orleans' ADO.NET providers, orleans-postgresql.sql). Prints each worker's share.
#   samples/Cluster/run.sh [--workers N] [--trials N] [--slots N]
# ATTRHPO_POSTGRES names the server (an Npgsql connection string); by default the local one, as .ci/run sets it up.
set -euo pipefail
cd "$(dirname "$0")"
workers=2 trials=20 slots=2
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
    --slots) slots=$2; shift 2 ;;
    *) echo "usage: run.sh [--workers N] [--trials N] [--slots N]" >&2; exit 2 ;;
  esac
done

# PostgreSQL first: nothing else is started when it cannot be reached.
if [ -z "${ATTRHPO_POSTGRES:-}" ] && command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h localhost; then
  echo "PostgreSQL is not running on localhost. Start it with: pg_ctlcluster 15 main start (or set ATTRHPO_POSTGRES to another server)." >&2
  exit 1
fi

dotnet build -c Release -v quiet -nologo . >/dev/null
app="dotnet bin/Release/net10.0/Cluster.dll"
schema="cluster_sample_$$"   # one schema (and Orleans cluster id) per run, dropped at the end
common=(--schema "$schema")
$app setup "${common[@]}"

source ./processes.sh

for i in $(seq "$workers"); do
  $app worker "${common[@]}" --port $((11120 + i)) --slots "$slots" >"$logs/worker$i" 2>&1 & pids+=($!)
done
for i in $(seq "$workers"); do
  ready "$logs/worker$i" "worker $i"
  echo "worker $i: $(head -n 1 "$logs/worker$i")"
done

$app coordinator "${common[@]}" --port 11112 --trials "$trials"
