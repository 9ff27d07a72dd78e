#!/bin/sh
# Renders docs/RELIABILITY.md from the reliability tests' own results (target/reliability/*.tsv).
# Usage: scripts/reliability-report.sh          # after ./mvnw -B verify
#        scripts/reliability-report.sh --run    # run the tests first (the default suite and CrashIT)
set -e
cd "$(dirname "$0")/.."
if [ "$1" = "--run" ]; then
	./mvnw -B verify
fi
java scripts/ReliabilityReport.java docs/RELIABILITY.md
