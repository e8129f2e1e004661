#!/usr/bin/env bash
# What stories cost a hunt: the same input hunted with every rule, with --no-stories and with stories
# (and the clusters built from them), alternating, in the same rounds. Prints per round and as medians:
# wall time, CPU time (user + system), the hunt's own seconds until its summary, and story_building_seconds
# from summary.json (story building, then stories.json written while the activity clusters are built and
# written; the story ids are filled into findings.jsonl afterwards, beside the report), and the ratios: story
# building against the rest of the hunt, and the whole run with stories against without.
# The input is every .evtx under the shared data folder, repeated until it holds at least MIN_RECORDS
# records (bench/input.sh).
#
#   bench/story-cost.sh [ROUNDS]      (default 3 rounds)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
rounds="${1:-3}"

source "$root/bench/input.sh"
echo "input: $copies copies of ${#files[@]} files, $records records, $((bytes / 1048576)) MiB"

# runs one hunt; prints "wall cpu seconds story_building_seconds"
hunt() {
  local out="$work/out" wall user sys seconds story
  rm -rf "$out"
  /usr/bin/time -f '%e %U %S' java "${jvm[@]}" -jar "$jar" hunt "$work/in" "${all_rules[@]}" --out "$out" --quiet "$@" \
    > /dev/null 2> "$work/stderr" || true
  if [ ! -f "$out/summary.json" ]; then
    echo "hunt $* did not finish; its last messages:" >&2; tail -5 "$work/stderr" >&2; exit 1
  fi
  read -r wall user sys <<< "$(tail -1 "$work/stderr")"
  read -r seconds story <<< "$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['run']; print(r['seconds'], r['story_building_seconds'])" "$out/summary.json")"
  echo "$wall $(echo "$user + $sys" | bc) $seconds $story"
}

nw=(); nc=(); ns=(); sw=(); sc=(); ss=(); sb=()
for ((r = 1; r <= rounds; r++)); do
  res=$(hunt --no-stories); read -r w c s _ <<< "$res"; nw+=("$w"); nc+=("$c"); ns+=("$s")
  res=$(hunt); read -r w c s b <<< "$res"; sw+=("$w"); sc+=("$c"); ss+=("$s"); sb+=("$b")
  echo "round $r (load $(cut -d' ' -f1 /proc/loadavg)): --no-stories ${nw[-1]} s wall, ${nc[-1]} s CPU, summary after ${ns[-1]} s;" \
       "with stories ${sw[-1]} s wall, ${sc[-1]} s CPU, summary after ${ss[-1]} s of which story building ${sb[-1]} s"
done
mnw=$(median "${nw[@]}"); mnc=$(median "${nc[@]}"); msw=$(median "${sw[@]}"); msc=$(median "${sc[@]}")
mss=$(median "${ss[@]}"); msb=$(median "${sb[@]}"); mns=$(median "${ns[@]}")
printf 'median --no-stories:   %7.2f s wall  %7.2f s CPU  (summary after %.2f s)\n' "$mnw" "$mnc" "$mns"
printf 'median with stories:   %7.2f s wall  %7.2f s CPU  (summary after %.2f s, story building %.2f s)\n' \
  "$msw" "$msc" "$mss" "$msb"
printf 'story building: +%.0f%% over the rest of the hunt until its summary; until the summary: +%.0f%%;' \
  "$(echo "100 * $msb / ($mss - $msb)" | bc -l)" "$(echo "100 * ($mss - $mns) / $mns" | bc -l)"
printf ' whole run with stories, clusters and their report: +%.0f%% wall, +%.0f%% CPU\n' \
  "$(echo "100 * ($msw - $mnw) / $mnw" | bc -l)" "$(echo "100 * ($msc - $mnc) / $mnc" | bc -l)"
