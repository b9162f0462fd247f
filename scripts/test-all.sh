#!/usr/bin/env bash
# Every check of the project, in the order a reviewer would want them to fail: type check, lint,
# unit tests of every package (SQLite and the local PostgreSQL), then browser tests against the
# running portal. Called by `./run test` with the toolchain already on PATH.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir="node_modules/.cache/mlmon-test-results"
mkdir -p "$results_dir"
failed_steps=()

step() {
  local name="$1"
  shift
  echo
  echo "=== $name"
  if ! "$@"; then
    failed_steps+=("$name")
  fi
}

bash scripts/ensure-services.sh

export CI=true
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
else
  echo "PostgreSQL is not reachable on 127.0.0.1:5432: database tests run on SQLite only" >&2
fi

step "type check" yarn tsc
step "lint" yarn lint:all
step "unit tests" yarn test --json --outputFile="$results_dir/jest.json"
# Playwright starts the portal unless one is already running (then it is reused and left alone).
# A portal it started is stopped afterwards, also a backend that outlives its parent process.
portal_pids() { ss -ltnpH "( sport = :3000 or sport = :7007 )" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
portal_was_running="$(portal_pids)"
step "browser tests" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results_dir/playwright.json" \
  yarn playwright test --reporter=list,json
if [ -z "$portal_was_running" ]; then
  for pid in $(portal_pids); do kill -9 "$pid" 2>/dev/null || true; done
fi

node scripts/summarize-tests.js "$results_dir/jest.json" "$results_dir/playwright.json"

if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
