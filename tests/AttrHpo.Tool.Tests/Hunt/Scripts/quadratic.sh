#!/usr/bin/env bash
# A hunted program with a known minimum: (x - 0.3)^2 + (layers - 5)^2 / 10, plus 0.5 for --act tanh; 0 at x=0.3, layers=5, relu.
# It echoes what it received, and when it started and ended (--sleep SECONDS between).
set -eu
echo "received: $*"
echo "env: trial=${ATTRHPO_TRIAL} id=${ATTRHPO_TRIAL_ID} study=${ATTRHPO_STUDY} seed=${ATTRHPO_SEED} parameters=${ATTRHPO_PARAMETERS}"
x=0; layers=5; act=relu; pause=0
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    --layers=*) layers="${1#--layers=}"; shift ;;
    --act) act="$2"; shift 2 ;;
    --sleep) pause="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
echo "start $(date +%s.%N)"
sleep "$pause"
echo "end $(date +%s.%N)"
awk -v x="$x" -v l="$layers" -v a="$act" 'BEGIN { printf "attrhpo: objective=%.12g\n", (x - 0.3)^2 + (l - 5)^2 / 10 + (a == "tanh" ? 0.5 : 0) }'
