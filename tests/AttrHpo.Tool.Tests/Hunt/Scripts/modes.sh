#!/usr/bin/env bash
# A program that ends as --mode says: exit (code 3, after a line on stderr), nan, silent (no result), file (its result in
# $ATTRHPO_RESULTS_FILE), or half (exit for x > 0.5, its objective x otherwise).
set -eu
x=0; mode=half
while [ $# -gt 0 ]; do
  case "$1" in
    --x) x="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
fail() { echo "warming up" >&2; echo "boom: the program failed at x=$x" >&2; exit 3; }
case "$mode" in
  exit) fail ;;
  nan) echo "attrhpo: objective=nan" ;;
  silent) echo "nothing to say"; echo "attrhpo: objectve=1" ;;
  file) printf '{"objective": %s}\n' "$x" > "$ATTRHPO_RESULTS_FILE" ;;
  half) if awk -v x="$x" 'BEGIN { exit !(x > 0.5) }'; then fail; fi; echo "attrhpo: objective=$x" ;;
esac
