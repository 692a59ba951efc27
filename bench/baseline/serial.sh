#!/bin/sh
# Baseline: a serial loop of `go build`, one target after another.
#   BENCH_OUT=... BENCH_PKGS=... sh serial.sh linux/amd64 darwin/arm64 ...
set -e
here=$(dirname "$0")
for t in "$@"; do
  sh "$here/build-one.sh" "$t"
done
