#!/bin/sh
# Fuzzes every Jazzer @FuzzTest for real (issues #17, #19): ./mvnw -B verify only replays their seeds and findings.
# Usage: scripts/fuzz.sh [MINUTES] [TEST]   MINUTES (default 10) is shared out evenly between the fuzz tests; TEST
# (a class name such as NoteFuzzTests) fuzzes that class's tests only.
# Jazzer fuzzes one test per JVM, so each runs in a Maven run of its own. A finding (a crashing input) is saved by
# Jazzer under src/test/resources/<package>/<Test>Inputs/<method>/ and replayed by every later ./mvnw -B verify:
# commit it with the fix. The corpus Jazzer grows is kept in .cifuzz-corpus/ (not committed) for the next run.
set -e
cd "$(dirname "$0")/.."
MINUTES="${1:-10}"
FILTER="${2:-}"
mkdir -p target

# Class#method for each @FuzzTest: the method is declared on the first line after the annotation that names one
tests=$(grep -rl --include='*.java' '@FuzzTest' src/test/java | sort | while read -r file; do
	class=$(basename "$file" .java)
	if [ -n "$FILTER" ] && [ "$class" != "$FILTER" ]; then
		continue
	fi
	awk -v class="$class" '/@FuzzTest/ { pending = 1; next }
		pending && match($0, /void [A-Za-z0-9_]+\(/) { print class "#" substr($0, RSTART + 5, RLENGTH - 6); pending = 0 }' "$file"
done)
count=$(printf '%s\n' "$tests" | grep -c . || true)
if [ "$count" -eq 0 ]; then
	echo "No @FuzzTest found${FILTER:+ in $FILTER}" >&2
	exit 2
fi
seconds=$((MINUTES * 60 / count))
[ "$seconds" -ge 10 ] || seconds=10
echo "Fuzzing $count test(s) for ${seconds}s each"

findings() {
	find src/test/resources -path '*Inputs/*' -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | sort
}
status=0
before=target/fuzz-findings-before.txt
findings >"$before"
for test in $tests; do
	log="target/fuzz-$(printf '%s' "$test" | tr '#' '-').log"
	# libFuzzer's -max_total_time through Jazzer's JUnit configuration (jazzer.internal.arg.N): arguments given
	# there come last, so they win over the @FuzzTest's maxDuration. Guichet's own threads connect to its database
	# and mail server on loopback at any time: not the request forgery Jazzer's SSRF detector is for.
	result=0
	JAZZER_FUZZ=1 ./mvnw -B test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
		-Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery \
		-Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=$seconds >"$log" 2>&1 || result=$?
	done_line=$(grep -aE '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
	last_line=$(grep -aE '^#[0-9]+' "$log" | tail -1)
	if [ -n "$done_line" ]; then
		runs=$(printf '%s\n' "$done_line" | sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p')
		spent=$(printf '%s\n' "$done_line" | sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p')
		rate=$((runs / (spent > 0 ? spent : 1)))
	else
		runs=$(printf '%s\n' "$last_line" | sed -n 's/^#\([0-9]*\).*/\1/p')
		spent="?"
		rate=$(printf '%s\n' "$last_line" | sed -n 's/.*exec\/s: \([0-9]*\).*/\1/p')
	fi
	echo "$test: ${runs:-?} executions in ${spent}s, ${rate:-?} executions/s ($( [ $result -eq 0 ] && echo 'no finding' || echo 'FINDING or failure')); log in $log"
	if [ $result -ne 0 ]; then
		grep -aE 'FuzzerSecurityIssue|== Java Exception|Exception:|AssertionError|ERROR\]' "$log" | head -8 || true
		status=$result
	fi
done
new=$(findings | comm -13 "$before" -)
if [ -n "$new" ]; then
	echo "New finding(s), kept as regression inputs replayed by ./mvnw -B verify:"
	printf '  %s\n' $new
else
	echo "No new finding."
fi
exit $status
