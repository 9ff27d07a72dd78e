#!/bin/sh
# Prints the path of Guichet's jar in the layout the Docker image runs: target/guichet.jar extracted by Spring Boot's
# jar mode (`java -Djarmode=tools -jar target/guichet.jar extract`), a small jar whose manifest names lib/*.jar.
# The JVM then loads classes from plain jars instead of jars nested in one: start-up to first poll took 14.1 s
# instead of 21.5 s on 2026-11-29 (README, "Performance"). Extracts again only when target/guichet.jar is newer.
# Beside it, guichet.jsa: the classes a start-up loads, archived by a training run as the image's build does
# (class data sharing, `-XX:SharedArchiveFile`), which took start-up from 13.7-14.8 s to 9.9-10.8 s on 2026-11-30.
set -eu
cd "$(dirname "$0")/.."
out=target/guichet-extracted
if [ ! -f "$out/extracted-from" ] || [ target/guichet.jar -nt "$out/extracted-from" ]; then
	rm -rf "$out"
	java -Djarmode=tools -jar target/guichet.jar extract --destination "$out" >/dev/null
	# the training run: Guichet on embedded defaults (a data directory of its own, free ports) until its context
	# is refreshed, then the JVM halts and writes the archive; without one, Guichet simply starts slower. The halt
	# closes nothing, so its embedded PostgreSQL is stopped here, by the pid in its data directory.
	training="$(pwd)/target/cds-training"
	rm -rf "$training"
	if ! java -Xmx512m -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.2 -XX:ArchiveClassesAtExit="$out/guichet.jsa" \
		-Dspring.context.exit=onRefresh -jar "$out/guichet.jar" --guichet.embedded.data-dir="$training" \
		--server.port=0 --guichet.embedded.smtp-port=0 --guichet.embedded.imap-port=0 >"$out/cds-training.log" 2>&1; then
		echo "no class data archive: the training run failed, see $out/cds-training.log" >&2
		rm -f "$out/guichet.jsa"
	fi
	if [ -f "$training/postgres/postmaster.pid" ]; then
		kill "$(head -1 "$training/postgres/postmaster.pid")" 2>/dev/null || true
		sleep 1
	fi
	rm -rf "$training"
	touch "$out/extracted-from"
fi
echo "$out/guichet.jar"
