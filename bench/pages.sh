#!/bin/sh
# Pages benchmark (issue #21, docs/DESK.md): bench/pages.sh [N]
# Files N applications (default 4000, four copies each) through the normal intake of a Guichet started in the
# benchmark's JVM (embedded PostgreSQL, GreenMail), then times, warm, the list page (unfiltered and with a full-text
# search), an application's page and the CSV export. Prints one line:
#   pages: N=… list p95 ms=… search p95 ms=… detail p95 ms=… csv ms=…
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
mkdir -p target/bench
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
	guichet.bench.PagesBenchmark "${1:-4000}"
