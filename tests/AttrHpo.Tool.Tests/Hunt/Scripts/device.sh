#!/usr/bin/env bash
# A program hunted with --gpu: echoes the device it was leased and when it held it, then prints its objective x.
set -eu
echo "index=${ATTRHPO_GPU_INDEX}"
echo "standin=${ATTRHPO_GPU_STAND_IN}"
echo "name=${ATTRHPO_GPU_NAME}"
x=0
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
echo "start $(date +%s.%N)"
sleep 0.4
echo "end $(date +%s.%N)"
echo "attrhpo: objective=$x"
