#!/bin/sh
# Linearity (issue #7, README "Performance"): bench/linearity.sh [rounds] [options of bench/ingest.sh]
# Runs bench/ingest.sh at N=1000, 250 and 4000 in turn, `rounds` times (default 1), one run at a time, and prints
# each run's "ingest: …" line, then the median msgs/s of each N and the lowest median as a share of the highest: the
# target is msgs/s within 20 % of each other, a share of at least 80 %. The runs' figures are in
# target/bench/linearity/<round>-<N>.json. About 4 minutes a round on two cores.
# In turn, not one N after the other: this machine's speed drifts by tens of per cent over minutes, and a drift
# should fall on every N alike.
set -eu
cd "$(dirname "$0")/.."
rounds=1
case "${1:-}" in
[0-9]*) rounds=$1; shift ;;
esac
out=target/bench/linearity
rm -rf "$out"
mkdir -p "$out"
round=1
while [ "$round" -le "$rounds" ]; do
	for n in 1000 250 4000; do
		bench/ingest.sh "$n" --out="$out/$round-$n.json" "$@" | grep '^ingest:' | tee -a "$out/lines.txt"
	done
	round=$((round + 1))
done
for n in 250 1000 4000; do
	# the median of this N's msgs/s (the upper one of the middle two for an even count)
	grep "^ingest: N=$n " "$out/lines.txt" | sed 's/^ingest: N=[0-9]* msgs\/s=\([0-9.]*\) .*/\1/' | sort -n |
		awk -v n="$n" '{ v[NR] = $1 } END { printf "%s %s\n", n, v[int(NR / 2) + 1] }'
done >"$out/medians.txt"
awk '
	{ median[$1] = $2; if (low == "" || $2 < low) low = $2; if ($2 > high) high = $2 }
	END {
		printf "linearity: median msgs/s N=250 %s, N=1000 %s, N=4000 %s; lowest %.0f %% of highest (target >= 80 %%)\n",
			median[250], median[1000], median[4000], 100 * low / high
	}' "$out/medians.txt"
