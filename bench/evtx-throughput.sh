#!/usr/bin/env bash
# End-to-end EVTX throughput: `dotlink events` against `evtxexport -f xml` (libevtx) over the same
# files in the same run, both writing to /dev/null. The input is every .evtx under the shared data
# folder, repeated (as symbolic links) until it holds at least MIN_RECORDS records.
#
#   bench/evtx-throughput.sh [ROUNDS]      (default 3 rounds; prints medians and the ratio)
#
# Needs: a built project (./dotlink builds it), evtxexport (apt-get install libevtx-utils), GNU time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DOTLINK_SHARED_DATA:-$root/../shared/data}"
rounds="${1:-3}"
min_records="${MIN_RECORDS:-500000}"
work="$(mktemp -d /tmp/dotlink-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$root/dotlink" --version >/dev/null
jar="$root/cli/target/dotlink-cli.jar"
# The launcher's JVM options (see ./dotlink), so that this measures what users run.
jvm=(${DOTLINK_JAVA_OPTS:--XX:+UseSerialGC -XX:FreqInlineSize=100})
command -v evtxexport >/dev/null || { echo "evtxexport missing: apt-get install libevtx-utils" >&2; exit 2; }

mapfile -d '' files < <(cd "$data" && find . -name '*.evtx' -print0 | sort -z)
link_copy() { # links every .evtx of the shared data under copy number $1
  for f in "${files[@]}"; do
    mkdir -p "$work/in/copy$1/$(dirname "$f")"
    ln -s "$data/$f" "$work/in/copy$1/$f"
  done
}
link_copy 1
per_copy=$(java -jar "$jar" events "$work/in/copy1" 2>&1 >/dev/null | sed -n 's/^dotlink events: \([0-9,]*\) records.*/\1/p' | tr -d ,)
copies=$(( (min_records + per_copy - 1) / per_copy ))
for ((i = 2; i <= copies; i++)); do link_copy "$i"; done
nfiles=$(find -L "$work/in" -name '*.evtx' | wc -l)
bytes=$(find -L "$work/in" -name '*.evtx' -printf '%s\n' | awk '{s+=$1} END {printf "%d\n", s}')
echo "input: $copies copies of ${#files[@]} files = $nfiles files, $((per_copy * copies)) records, $((bytes / 1048576)) MiB"
find -L "$work/in" -name '*.evtx' -print0 > "$work/list"

ours=(); theirs=(); theirs2=()
for ((r = 1; r <= rounds; r++)); do
  t0=$(date +%s.%N)
  java "${jvm[@]}" -jar "$jar" events "$work/in" --quiet > /dev/null
  t1=$(date +%s.%N)
  xargs -0 -n 1 evtxexport -f xml < "$work/list" > /dev/null 2>&1
  t2=$(date +%s.%N)
  xargs -0 -n 1 -P 2 evtxexport -f xml < "$work/list" > /dev/null 2>&1
  t3=$(date +%s.%N)
  ours+=("$(echo "$t1 - $t0" | bc)"); theirs+=("$(echo "$t2 - $t1" | bc)"); theirs2+=("$(echo "$t3 - $t2" | bc)")
  echo "round $r: dotlink ${ours[-1]} s, evtxexport ${theirs[-1]} s, evtxexport x2 processes ${theirs2[-1]} s"
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
records=$((per_copy * copies))
mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}"); mt2=$(median "${theirs2[@]}")
printf 'median dotlink events:            %8.2f s  %10.0f records/s\n' "$mo" "$(echo "$records / $mo" | bc -l)"
printf 'median evtxexport (one process):  %8.2f s  %10.0f records/s\n' "$mt" "$(echo "$records / $mt" | bc -l)"
printf 'median evtxexport (2 processes):  %8.2f s  %10.0f records/s\n' "$mt2" "$(echo "$records / $mt2" | bc -l)"
printf 'ratio: %.1fx evtxexport, %.1fx evtxexport on 2 processes\n' "$(echo "$mt / $mo" | bc -l)" "$(echo "$mt2 / $mo" | bc -l)"

echo "memory: dotlink events with -Xmx256m over the same $((bytes / 1048576)) MiB"
/usr/bin/time -f "peak RSS %M KB, %e s" java "${jvm[@]}" -Xmx256m -jar "$jar" events "$work/in" > /dev/null
