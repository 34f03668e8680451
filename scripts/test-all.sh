#!/usr/bin/env bash
# The one test command (`npm test`): lint, types, unit + integration on SQLite, integration on PostgreSQL,
# a production build, the JavaScript budgets of its pages, then the browser tests against that build. Fails fast; the last line is always
#   N passed, N failed[, N skipped]
# counted over every vitest run (unit, integration on both databases, browser tests). A failing step that
# has no tests of its own (lint, types, build, a missing PostgreSQL under CI) counts as one failure.
#
# Environment:
#   CI=true             a missing PostgreSQL or Chromium is a failure instead of a loud skip
#   ATLAS_TEST_PG_URL   PostgreSQL for the integration suite (default postgres://postgres@127.0.0.1:5432/test)
#   ATLAS_DIST_DIR      build output folder (default .next); the browser tests serve the same folder
set -uo pipefail

cd "$(dirname "$0")/.."

export ATLAS_TEST_PG_URL="${ATLAS_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
export NEXT_TELEMETRY_DISABLED=1
RESULTS_DIR="${ATLAS_TEST_RESULTS:-test-results}"
mkdir -p "$RESULTS_DIR"
rm -f "$RESULTS_DIR"/vitest-*.json

IS_CI=false
case "${CI:-}" in true | 1 | yes) IS_CI=true ;; esac

PASSED=0
FAILED=0
SKIPPED=0
FAILED_STEP=""
SKIP_NOTES=()
RUN_START=$SECONDS
TIMINGS=()
FAILURES=()

section() {
  printf '\n==================================================================\n'
  printf '== %s\n' "$1"
  printf '==================================================================\n'
}

# Add the counts of a vitest JSON report to the totals; prints "passed failed skipped" for the caller.
count_report() {
  local file="$1"
  [ -s "$file" ] || { echo "0 0 0"; return; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
    console.log(`${r.numPassedTests || 0} ${r.numFailedTests || 0} ${skipped}`);
  ' "$file" 2>/dev/null || echo "0 0 0"
}

# The failed tests of a vitest JSON report, one line each with the start of the reason: the summary repeats
# them, so that the tail of a long log (all a CI page may show) still says what failed.
failed_tests() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const file of r.testResults || []) {
      const name = file.name.replace(process.cwd() + "/", "");
      const failed = (file.assertionResults || []).filter((t) => t.status === "failed");
      if (!failed.length && file.status === "failed") console.log(`${name}: ${(file.message || "failed").split("\n")[0].slice(0, 240)}`);
      for (const t of failed) {
        const message = t.failureMessages[0] || "";
        // Where in the test it failed: the first stack frame in a test file (a poll that timed out says no more).
        const at = (message.match(/test\/[\w\/.-]+\.ts:\d+:\d+/) || [""])[0];
        console.log(`${name} > ${t.fullName}: ${message.split("\n")[0].slice(0, 240)}${at ? ` (at ${at})` : ""}`);
      }
    }
  ' "$1" 2>/dev/null
}

summary() {
  printf '\n==================================================================\n'
  printf '== Summary (%ss)\n' "$((SECONDS - RUN_START))"
  printf '==================================================================\n'
  local t
  for t in "${TIMINGS[@]}"; do printf '  %s\n' "$t"; done
  for t in "${SKIP_NOTES[@]}"; do printf '  %s\n' "$t"; done
  [ -n "$FAILED_STEP" ] && printf '  FAILED at step: %s\n' "$FAILED_STEP"
  for t in "${FAILURES[@]}"; do printf '  ✗ %s\n' "$t"; done
  local line="$PASSED passed, $FAILED failed"
  [ "$SKIPPED" -gt 0 ] && line="$line, $SKIPPED skipped"
  printf '%s\n' "$line"
}

# run_step NAME [REPORT_JSON] -- COMMAND...
run_step() {
  local name="$1" report="$2"
  shift 3
  section "$name"
  printf '$ %s\n' "$*"
  local start=$SECONDS status
  "$@"
  status=$?
  local took=$((SECONDS - start))
  local p=0 f=0 s=0
  if [ -n "$report" ]; then
    read -r p f s < <(count_report "$report")
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f))
    SKIPPED=$((SKIPPED + s))
    if [ "$f" -gt 0 ] || [ "$status" -ne 0 ]; then
      local line
      while IFS= read -r line; do FAILURES+=("$line"); done < <(failed_tests "$report")
    fi
  fi
  if [ "$status" -ne 0 ]; then
    # A failing step always shows up in the failure count, even when it ran no tests (lint, build, …).
    [ "$f" -eq 0 ] && FAILED=$((FAILED + 1))
    TIMINGS+=("$(printf '%-34s %4ss  FAILED (exit %s)' "$name" "$took" "$status")")
    FAILED_STEP="$name"
    summary
    exit 1
  fi
  if [ -n "$report" ]; then
    TIMINGS+=("$(printf '%-34s %4ss  ok (%s passed, %s failed, %s skipped)' "$name" "$took" "$p" "$f" "$s")")
  else
    TIMINGS+=("$(printf '%-34s %4ss  ok' "$name" "$took")")
  fi
}

skip_step() {
  local name="$1" reason="$2"
  section "$name"
  printf '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  printf 'SKIPPED: %s\n' "$reason"
  printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n'
  SKIP_NOTES+=("SKIPPED: $name — $reason")
  TIMINGS+=("$(printf '%-34s %4ss  SKIPPED' "$name" 0)")
}

fail_step() {
  local name="$1" reason="$2"
  section "$name"
  printf 'FAILED: %s\n' "$reason"
  FAILED=$((FAILED + 1))
  FAILED_STEP="$name"
  TIMINGS+=("$(printf '%-34s %4ss  FAILED (%s)' "$name" 0 "$reason")")
  summary
  exit 1
}

pg_answers() {
  node -e '
    const pg = require("pg");
    const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
    client.connect().then(() => client.query("select 1")).then(() => client.end()).then(
      () => process.exit(0),
      (e) => { console.error(`PostgreSQL at ${process.argv[1]}: ${e.message}`); process.exit(1); },
    );
  ' "$ATLAS_TEST_PG_URL"
}

VITEST_REPORT=(--reporter=default --reporter=json)

run_step "1/7 lint (eslint)" "" -- npx eslint .
run_step "2/7 types (tsc)" "" -- npx tsc --noEmit --incremental false
run_step "3/7 unit + integration (SQLite)" "$RESULTS_DIR/vitest-sqlite.json" -- \
  npx vitest run "${VITEST_REPORT[@]}" --outputFile="$RESULTS_DIR/vitest-sqlite.json"

if pg_answers; then
  run_step "4/7 integration (PostgreSQL)" "$RESULTS_DIR/vitest-postgres.json" -- \
    env ATLAS_TEST_DB=postgres npx vitest run test/integration "${VITEST_REPORT[@]}" --outputFile="$RESULTS_DIR/vitest-postgres.json"
elif [ "$IS_CI" = true ]; then
  fail_step "4/7 integration (PostgreSQL)" "PostgreSQL not reachable at $ATLAS_TEST_PG_URL (CI=true)"
else
  skip_step "4/7 integration (PostgreSQL)" "PostgreSQL not reachable at $ATLAS_TEST_PG_URL"
fi

# `next build` with a custom distDir (ATLAS_DIST_DIR) adds "<dir>/types/**/*.ts" to tsconfig.json and
# reformats it; put the file back as it was so a side build never leaves a change in the work tree.
build() {
  local saved status
  saved=$(mktemp)
  cp tsconfig.json "$saved"
  npx next build
  status=$?
  if ! cmp -s tsconfig.json "$saved"; then
    cp "$saved" tsconfig.json
    echo "(restored tsconfig.json, which next build had rewritten for distDir ${ATLAS_DIST_DIR:-.next})"
  fi
  rm -f "$saved"
  return "$status"
}
run_step "5/7 production build (next build → ${ATLAS_DIST_DIR:-.next})" "" -- build
# First Load JS of every page against its budget (scripts/js-budgets/budgets.ts), read from the build's manifest.
run_step "6/7 JavaScript budgets" "" -- npx tsx scripts/js-budgets.ts

if [ -x /usr/bin/chromium ]; then
  run_step "7/7 browser tests (Chromium)" "$RESULTS_DIR/vitest-e2e.json" -- \
    npx vitest run --config vitest.e2e.config.ts "${VITEST_REPORT[@]}" --outputFile="$RESULTS_DIR/vitest-e2e.json"
elif [ "$IS_CI" = true ]; then
  fail_step "7/7 browser tests (Chromium)" "/usr/bin/chromium is missing (apt-get install -y chromium)"
else
  skip_step "7/7 browser tests (Chromium)" "/usr/bin/chromium is missing (apt-get install -y chromium)"
fi

summary
[ "$FAILED" -eq 0 ] || exit 1
