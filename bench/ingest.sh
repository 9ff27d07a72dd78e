#!/bin/sh
# Ingestion benchmark (README, "Performance"): bench/ingest.sh [N] [--poll=1s] [--paced=100] [--rate=msgs/s] [--jfr]
#   [--fat-jar] [--photo-kb=K] [--pgstat] [--pgplans=MS] [--durable]
# N applications (default 1000), 4 copies each, against Guichet started as java -Xmx512m -jar, on the jar extracted
# as the Docker image runs it (bench/extracted-jar.sh), or on target/guichet.jar itself with --fat-jar.
# Prints one "ingest: …" line and writes bench/results/latest.json.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f target/guichet.jar ]; then
	./mvnw -B -q -DskipTests package
fi
case " $* " in
*" --fat-jar "*) jar=target/guichet.jar ;;
*) jar=$(bench/extracted-jar.sh) ;;
esac
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) before the run"
mkdir -p target/bench
driver_jfr=""
case " $* " in *" --jfr "*) driver_jfr="-XX:StartFlightRecording=filename=target/bench/driver.jfr,settings=profile" ;; esac
exec java -Xmx3g $driver_jfr -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
	guichet.bench.IngestBenchmark --jar="$jar" "$@"
