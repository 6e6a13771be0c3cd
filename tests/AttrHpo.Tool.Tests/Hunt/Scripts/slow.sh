#!/usr/bin/env bash
# A slow program: it starts a child (sleep) and waits for it, echoing both process ids, then prints its objective x.
set -eu
echo "pid=$$"
x=0; pause=1
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    --sleep) pause="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
sleep "$pause" &
echo "child=$!"
wait $!
echo "attrhpo: objective=$x"
