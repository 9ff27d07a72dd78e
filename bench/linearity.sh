#!/bin/sh
# Linearity (issue #7, README "Performance"): bench/linearity.sh [rounds] [options of bench/ingest.sh]
# Runs bench/ingest.sh at N=1000, 250 and 4000 in turn, `rounds` times (default 1, 1 to 20), one run at a time, and
# prints each run's "ingest: …" line, then the median msgs/s of each N (the mean of the middle two for an even count)
# and the lowest median as a share of the highest: the target is msgs/s within 20 % of each other, a share of at least
# 80 %. The runs' figures are in target/bench/linearity/<round>-<N>.json, their output in <round>-<N>.log. About 5
# minutes a round on two cores. A run that fails or is not correct is left out of the medians, and the script then
# exits with 1.
# In turn, not one N after the other: this machine's speed drifts by tens of per cent over minutes, and a drift
# should fall on every N alike.
set -eu
cd "$(dirname "$0")/.."
rounds=1
case "${1:-}" in
'' | -*) ;;
*[!0-9]*)
	echo "linearity.sh: the first argument is the number of rounds (1 to 20), not '$1'" >&2
	exit 2
	;;
*)
	rounds=$1
	shift
	;;
esac
if [ "$rounds" -lt 1 ] || [ "$rounds" -gt 20 ]; then
	echo "linearity.sh: the number of rounds must be 1 to 20, not $rounds" >&2
	exit 2
fi
for option in "$@"; do
	case "$option" in
	--photo-kb=* | --out=*)
		echo "linearity.sh: $option is not for this script (no floor with --photo-kb; the runs' files are its own)" >&2
		exit 2
		;;
	-*) ;;
	*)
		echo "linearity.sh: '$option' is not an option of bench/ingest.sh; N is this script's to choose" >&2
		exit 2
		;;
	esac
done
out=target/bench/linearity
rm -rf "$out"
mkdir -p "$out"
: >"$out/lines.txt"
failed=0
round=1
while [ "$round" -le "$rounds" ]; do
	for n in 1000 250 4000; do
		if bench/ingest.sh "$n" --out="$out/$round-$n.json" "$@" >"$out/$round-$n.log" 2>&1; then
			grep '^ingest:' "$out/$round-$n.log" | tee -a "$out/lines.txt"
		else
			echo "linearity: N=$n in round $round failed or was not correct, left out; see $out/$round-$n.log"
			failed=1
		fi
	done
	round=$((round + 1))
done
for n in 250 1000 4000; do
	grep "^ingest: N=$n " "$out/lines.txt" | sed 's/^ingest: N=[0-9]* msgs\/s=\([0-9.]*\) .*/\1/' | sort -n |
		awk -v n="$n" '{ v[NR] = $1 }
			END {
				if (NR == 0) { printf "%s none\n", n }
				else if (NR % 2) { printf "%s %.1f\n", n, v[(NR + 1) / 2] }
				else { printf "%s %.1f\n", n, (v[NR / 2] + v[NR / 2 + 1]) / 2 }
			}'
done >"$out/medians.txt"
awk '
	$2 == "none" { missing = 1 }
	{ median[$1] = $2 }
	$2 != "none" { if (low == "" || $2 + 0 < low) low = $2 + 0; if ($2 + 0 > high) high = $2 + 0 }
	END {
		if (missing) {
			printf "linearity: median msgs/s N=250 %s, N=1000 %s, N=4000 %s; no figure without every N\n",
				median[250], median[1000], median[4000]
			exit
		}
		share = 100 * low / high
		printf "linearity: median msgs/s N=250 %s, N=1000 %s, N=4000 %s; lowest %.1f %% of highest: %s\n",
			median[250], median[1000], median[4000], share, (share >= 80 ? "within 20 % (met)" : "not within 20 % (not met)")
	}' "$out/medians.txt"
exit "$failed"
