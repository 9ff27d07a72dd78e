#!/bin/sh
# Start-up to first poll on embedded defaults (issue #7: at most 15 s): Guichet with no database and no mailbox
# configured starts its embedded PostgreSQL (fresh data dir) and mail server; prints StartupReport's figure.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f target/guichet.jar ]; then
	./mvnw -B -q -DskipTests package
fi
data=target/bench/startup-data
rm -rf "$data" && mkdir -p "$data"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -jar target/guichet.jar --guichet.embedded.data-dir="$data" --server.port=0 \
	> target/bench/startup.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null && wait $pid 2>/dev/null; true' EXIT
for _ in $(seq 1 120); do
	if line=$(grep -m1 "Start-up to first poll" target/bench/startup.log); then
		echo "${line##*: }"
		exit 0
	fi
	sleep 0.5
done
echo "no first poll within 60 s; see target/bench/startup.log" >&2
exit 1
