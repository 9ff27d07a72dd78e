#!/bin/sh
# Fuzzes the Jazzer fuzz tests for real (issue #17): ./mvnw -B verify only replays their seed and finding inputs.
# Usage: scripts/fuzz.sh [MINUTES] [TEST]     default: 10 minutes of EnvelopeFuzzTests
# A finding (a crashing input) is saved by Jazzer under src/test/resources/<package>/<Test>Inputs/<method>/ and is
# replayed by every later ./mvnw -B verify; commit it with the fix. The new corpus grows in .cifuzz-corpus/.
set -e
cd "$(dirname "$0")/.."
MINUTES="${1:-10}"
TEST="${2:-EnvelopeFuzzTests}"
LOG="target/fuzz-$TEST.log"
mkdir -p target
inputs=$(find src/test/resources -path "*${TEST}Inputs*" -type f -name 'crash-*' 2>/dev/null | wc -l)
echo "Fuzzing $TEST for $MINUTES minute(s); log in $LOG"
# libFuzzer's -max_total_time through Jazzer's JUnit configuration (jazzer.internal.arg.N); the @FuzzTest's own
# maxDuration is the default when this is not given
status=0
JAZZER_FUZZ=1 ./mvnw -B test -Dtest="$TEST" -Dsurefire.failIfNoSpecifiedTests=false \
	-Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$((MINUTES * 60)) >"$LOG" 2>&1 || status=$?
after=$(find src/test/resources -path "*${TEST}Inputs*" -type f -name 'crash-*' 2>/dev/null | wc -l)
done_line=$(grep -a 'DONE' "$LOG" | tail -1)
last_line=$(grep -aE '^#[0-9]+' "$LOG" | tail -1)
echo "last status: ${done_line:-$last_line}"
execs=$(printf '%s\n' "${done_line:-$last_line}" | sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p')
runs=$(printf '%s\n' "${done_line:-$last_line}" | sed -n 's/^#\([0-9]*\).*/\1/p')
echo "executions: ${runs:-?}, executions/s: ${execs:-?}"
echo "findings: $((after - inputs)) new crashing input(s) (before: $inputs)"
grep -aE 'FuzzerSecurityIssue|== Java Exception|AssertionError' "$LOG" | head -5 || true
exit $status
