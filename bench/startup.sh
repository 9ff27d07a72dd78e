#!/bin/sh
# Start-up to first poll on embedded defaults (issue #7: at most 15 s): Guichet with no database and no mailbox
# configured starts its embedded PostgreSQL (fresh data dir) and mail server; prints StartupReport's figure.
#   bench/startup.sh            the jar extracted as the Docker image runs it, with the image's JVM options and
#                               its class data archive
#   bench/startup.sh --fat-jar  java -jar target/guichet.jar, with the image's JVM option
#   bench/startup.sh --mvn      ./mvnw spring-boot:run, README's first command (Maven's own start-up not counted)
set -eu
cd "$(dirname "$0")/.."
if [ ! -f target/guichet.jar ]; then
	./mvnw -B -q -DskipTests package
fi
mode=${1:-}
jar=target/guichet.jar
archive=""
if [ -z "$mode" ]; then
	jar=$(bench/extracted-jar.sh)
	# the classes a start-up loads, archived as the image's build archives them (README, "Performance")
	if [ -f "$(dirname "$jar")/guichet.jsa" ]; then
		archive="-XX:SharedArchiveFile=$(dirname "$jar")/guichet.jsa"
	fi
fi
# absolute, so that stopping this Guichet never stops another checkout's
data="$(pwd)/target/bench/startup-data"
rm -rf "$data" && mkdir -p "$data" target/bench
log=target/bench/startup.log
args="--guichet.embedded.data-dir=$data --server.port=0"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${mode:-extracted jar}"
case "$mode" in
--mvn) ./mvnw -B -q spring-boot:run -Dspring-boot.run.jvmArguments=-Xmx512m -Dspring-boot.run.arguments="$args" \
	> "$log" 2>&1 & ;;
*) java -Xmx512m -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2 $archive -jar "$jar" $args > "$log" 2>&1 & ;;
esac
# the JVM that runs Guichet, found by its data directory (under Maven it is a child of Maven's)
trap 'pkill -f -- "--guichet.embedded.data-dir=$data" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
	if line=$(grep -m1 "Start-up to first poll" "$log"); then
		echo "${line##*: }"
		exit 0
	fi
	sleep 0.5
done
echo "no first poll within 120 s; see $log" >&2
exit 1
