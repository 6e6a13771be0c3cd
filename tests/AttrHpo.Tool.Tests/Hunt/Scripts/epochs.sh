#!/usr/bin/env bash
# A program with a budget: (x - 0.5)^2 + 1/epochs, better with more epochs. It echoes what it received.
set -eu
echo "received: $* budget=${ATTRHPO_BUDGET} promoted_from=${ATTRHPO_PROMOTED_FROM:-none}"
x=0; epochs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
awk -v x="$x" -v e="$epochs" 'BEGIN { printf "attrhpo: objective=%.12g\n", (x - 0.5)^2 + 1 / e }'
