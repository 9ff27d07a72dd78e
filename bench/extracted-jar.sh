#!/bin/sh
# Prints the path of Guichet's jar in the layout the Docker image runs: target/guichet.jar extracted by Spring Boot's
# jar mode (`java -Djarmode=tools -jar target/guichet.jar extract`), a small jar whose manifest names lib/*.jar.
# The JVM then loads classes from plain jars instead of jars nested in one: start-up to first poll took 14.1 s
# instead of 21.5 s on 2026-11-29 (README, "Performance"). Extracts again only when target/guichet.jar is newer.
set -eu
cd "$(dirname "$0")/.."
out=target/guichet-extracted
if [ ! -f "$out/extracted-from" ] || [ target/guichet.jar -nt "$out/extracted-from" ]; then
	rm -rf "$out"
	java -Djarmode=tools -jar target/guichet.jar extract --destination "$out" >/dev/null
	touch "$out/extracted-from"
fi
echo "$out/guichet.jar"
