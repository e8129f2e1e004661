#!/usr/bin/env bash
# End-to-end EVTX throughput: `dotlink events` against `evtxexport -f xml` (libevtx) over the same
# files in the same run, both writing to /dev/null. The input is every .evtx under the shared data
# folder, repeated (as symbolic links) until it holds at least MIN_RECORDS records.
#
#   bench/evtx-throughput.sh [ROUNDS]      (default 3 rounds; prints medians and the ratio)
#
# Needs: a built project (./dotlink builds it), evtxexport (apt-get install libevtx-utils), GNU time.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
rounds="${1:-3}"

source "$root/bench/input.sh"
nfiles=$(find -L "$work/in" -name '*.evtx' | wc -l)
echo "input: $copies copies of ${#files[@]} files = $nfiles files, $records records, $((bytes / 1048576)) MiB"

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

mo=$(median "${ours[@]}"); mt=$(median "${theirs[@]}"); mt2=$(median "${theirs2[@]}")
printf 'median dotlink events:            %8.2f s  %10.0f records/s\n' "$mo" "$(echo "$records / $mo" | bc -l)"
printf 'median evtxexport (one process):  %8.2f s  %10.0f records/s\n' "$mt" "$(echo "$records / $mt" | bc -l)"
printf 'median evtxexport (2 processes):  %8.2f s  %10.0f records/s\n' "$mt2" "$(echo "$records / $mt2" | bc -l)"
printf 'ratio: %.1fx evtxexport, %.1fx evtxexport on 2 processes\n' "$(echo "$mt / $mo" | bc -l)" "$(echo "$mt2 / $mo" | bc -l)"

echo "memory: dotlink events with -Xmx256m over the same $((bytes / 1048576)) MiB"
/usr/bin/time -f "peak RSS %M KB, %e s" java "${jvm[@]}" -Xmx256m -jar "$jar" events "$work/in" > /dev/null
