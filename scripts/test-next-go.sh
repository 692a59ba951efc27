#!/usr/bin/env bash
# The differential test with every target built by the next Go as well as by
# the machine's Go (npm test builds only a CI set with the next Go, to stay
# within the test command's time budget). The go command fetches the next Go
# through the module proxy (GOTOOLCHAIN, about 76 MB, once per machine). A
# missing toolchain, readelf or file fails here instead of skipping.
#
# Cost with a cold Go cache (measured on a shared 2-core machine, Dec 2026):
# every target with go1.27.3 is about 12 CPU-minutes of builds, as much again
# as with the machine's Go (about 15); the CI set with go1.27.3 (six targets) is about 1.5.
#
#   scripts/test-next-go.sh            # every target, both releases
#   scripts/test-next-go.sh -t ppc64   # extra arguments go to jest
set -euo pipefail
cd "$(dirname "$0")/.."
export GO127_FULL=1 REQUIRE_TEST_TOOLS=1
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules"
exec npx jest __tests__/binary-differential.test.ts "$@"
