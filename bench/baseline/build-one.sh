#!/bin/sh
# Baseline helper: build every package of $BENCH_PKGS for one target with
# exactly the flags the action uses (CGO_ENABLED=0, -trimpath,
# -ldflags='-s -w', -buildvcs=false), in one `go build` invocation.
#
#   BENCH_OUT=/tmp/out BENCH_PKGS='./cmd/a ./cmd/b' sh build-one.sh linux/arm/7
#
# The binaries land in $BENCH_OUT/<goos>-<goarch>[-<variant>]/.
set -e
t=$1
goos=${t%%/*}
rest=${t#*/}
goarch=${rest%%/*}
variant=
case $rest in */*) variant=${rest#*/} ;; esac
case $goarch in
arm) vv=GOARM ;;
amd64) vv=GOAMD64 ;;
arm64) vv=GOARM64 ;;
386) vv=GO386 ;;
mips | mipsle) vv=GOMIPS ;;
mips64 | mips64le) vv=GOMIPS64 ;;
ppc64 | ppc64le) vv=GOPPC64 ;;
riscv64) vv=GORISCV64 ;;
*) vv= ;;
esac
if [ -n "$vv" ] && [ -n "$variant" ]; then export "$vv=$variant"; fi
export CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch"
# $BENCH_PKGS is split on spaces on purpose: one pattern per word.
# shellcheck disable=SC2086
exec "${BENCH_GO:-go}" build -trimpath -buildvcs=false -ldflags='-s -w' \
  -o "$BENCH_OUT/$goos-$goarch${variant:+-$variant}/" $BENCH_PKGS
