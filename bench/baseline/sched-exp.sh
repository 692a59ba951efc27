#!/bin/bash
# Scheduling experiment: the same 6 bigmod targets, 2 builds at once, cold cache each run.
# policy current: -p 1 for all; tail: -p 1, the last wave (last 2 started) -p 2; xargs: -p 2 for all
cd "$(dirname "$0")/../work/bigmod" || { echo "generate it first: node bench/workloads/generate-bigmod.mjs bench/work/bigmod"; exit 1; }
T=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64)
one() { # pol idx
  local t=${T[$2]} p=1
  [ "$1" = xargs ] && p=2
  [ "$1" = tail ] && [ "$2" -ge 4 ] && p=2
  CGO_ENABLED=0 GOOS=${t%/*} GOARCH=${t#*/} go build -p $p -trimpath -buildvcs=false -ldflags='-s -w' -o "$OUT/${t/\//-}/" ./cmd/server ./cmd/cli
}
export -f one; export T
run() {
  export GOCACHE=$(mktemp -d /tmp/schedexp-cache.XXXX) OUT=$(mktemp -d /tmp/schedexp-out.XXXX)
  export -f one
  local s=$(date +%s.%N)
  /usr/bin/time -f "%U %S %M" -o /tmp/schedexp-time bash -c "printf '%s\n' 0 1 2 3 4 5 | xargs -P2 -I{} bash -c 'one $1 {}' _ $1 2>&1" >/dev/null 2>&1
  local e=$(date +%s.%N)
  echo "$1 wall=$(echo "$e - $s" | bc) cpu(user sys maxrss)=$(cat /tmp/schedexp-time) load=$(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$GOCACHE" "$OUT"
}
for r in $(seq "${ROUNDS:-3}"); do for pol in current tail xargs; do run $pol; done; done
