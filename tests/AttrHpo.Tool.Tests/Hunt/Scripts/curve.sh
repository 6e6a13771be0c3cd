#!/usr/bin/env bash
# A learning curve: at step s of --steps it reports x + 1/s, a tenth of a second apart, then prints 'done' and its objective.
set -eu
echo "pid=$$"
x=0; steps=8
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for s in $(seq 1 "$steps"); do
  awk -v x="$x" -v s="$s" 'BEGIN { printf "attrhpo: step=%d value=%.12g\n", s, x + 1 / s }'
  sleep 0.1
done
echo done
awk -v x="$x" -v s="$steps" 'BEGIN { printf "attrhpo: objective=%.12g\n", x + 1 / s }'
