#!/usr/bin/env bash
# Runs the suites that touch dates with the clock moved ahead (a year by default), so a test
# that will break with the calendar (a literal date the sandbox will one day refuse as too
# old, a token or consent expiry written as a fixed instant) fails today instead. libfaketime
# (Debian's `faketime` package) fakes the wall clock of jest, the gateway, the emulator and
# the embedded PostgreSQL alike; monotonic clocks stay real so timers and timeouts behave.
# Usage: scripts/test-clock-ahead.sh [offset, e.g. +365d]
set -euo pipefail
cd "$(dirname "$0")/.."
offset=${1:-+365d}

command -v faketime >/dev/null || { echo "faketime is not installed (Debian: apt-get install faketime)"; exit 2; }
export FAKETIME_DONT_FAKE_MONOTONIC=1
echo "real clock: $(date -u +%F)  test clock: $(faketime -f "$offset" date -u +%F)"
faketime -f "$offset" node -e 'console.log(`node sees: ${new Date().toISOString()}`)'

# The embedded PostgreSQL, started under the same clock: the machine's would keep the real one.
# Left out: the two data-directory lock tests (the emulator's and the gateway's). proper-lockfile judges a lock stale by its
# file's mtime, which the kernel stamps with the real clock (Node's statx is not faked), so
# under a faked clock every lock looks a year old; nothing there depends on the date.
env -u DATABASE_URL -u REDIS_URL faketime -f "$offset" npx jest --runInBand \
  --selectProjects gateway plaid-emulator \
  --testPathPattern 'test/unit/|packages/plaid-emulator/test/|test/integration/(sync|read-api|linking|webhooks|subscriptions|transfers)/' \
  --testPathIgnorePatterns 'packages/plaid-emulator/test/contract/persistence.test.ts' 'test/unit/database/data-dir-lock.test.ts'
