#!/usr/bin/env bash
# End-to-end hunting throughput over the same input, in the same run:
#   - dotlink events       parse and write every record as JSON (to /dev/null)
#   - dotlink hunt, 1 rule     parse and match one rule: the parse-only baseline of a hunt
#   - dotlink hunt, all rules  every SigmaHQ rule for Windows and web logs (rules/, rules-emerging-threats/,
#                              rules-threat-hunting/; rules for other products are not run) plus the built-in pack,
#                              once with --no-stories (detection, correlations, outputs and report) and once whole
#                              (stories, clusters and attribution too)
#   - evtxexport -f xml    libevtx, one process per file (the reference parser)
# The input is every .evtx under the shared data folder, repeated (symbolic links) until it holds at
# least MIN_RECORDS records.
#
#   bench/hunt-throughput.sh [ROUNDS]      (default 3 rounds; prints medians and ratios)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
rounds="${1:-3}"

one_rule="$sigma/rules/windows/process_creation/proc_creation_win_whoami_all_execution.yml"

source "$root/bench/input.sh"
echo "input: $copies copies of ${#files[@]} files, $records records, $((bytes / 1048576)) MiB"

secs() { local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>"$work/stderr" || true; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
ev=(); one=(); det=(); all=(); ref=()
for ((r = 1; r <= rounds; r++)); do
  ev+=("$(secs java "${jvm[@]}" -jar "$jar" events "$work/in" --quiet)")
  one+=("$(secs java "${jvm[@]}" -jar "$jar" hunt "$work/in" --no-builtin-rules --rules "$one_rule" --out "$work/out1" --quiet)")
  det+=("$(secs java "${jvm[@]}" -jar "$jar" hunt "$work/in" "${all_rules[@]}" --out "$work/out3" --quiet --no-stories)")
  all+=("$(secs java "${jvm[@]}" -jar "$jar" hunt "$work/in" "${all_rules[@]}" --out "$work/out2" --quiet)")
  ref+=("$(secs xargs -0 -n 1 evtxexport -f xml < "$work/list")")
  echo "round $r: events ${ev[-1]} s, hunt 1 rule ${one[-1]} s, hunt all rules --no-stories ${det[-1]} s, hunt all rules ${all[-1]} s, evtxexport ${ref[-1]} s"
done
findings=$(wc -l < "$work/out2/findings.jsonl")

me=$(median "${ev[@]}"); m1=$(median "${one[@]}"); md=$(median "${det[@]}"); ma=$(median "${all[@]}"); mr=$(median "${ref[@]}")
rate() { echo "$records / $1" | bc -l; }
printf 'median dotlink events:            %8.2f s  %10.0f records/s\n' "$me" "$(rate "$me")"
printf 'median dotlink hunt, 1 rule:      %8.2f s  %10.0f records/s\n' "$m1" "$(rate "$m1")"
printf 'median hunt, all, --no-stories:   %8.2f s  %10.0f records/s\n' "$md" "$(rate "$md")"
printf 'median dotlink hunt, all rules:   %8.2f s  %10.0f records/s  (%d findings)\n' "$ma" "$(rate "$ma")" "$findings"
printf 'median evtxexport (one process):  %8.2f s  %10.0f records/s\n' "$mr" "$(rate "$mr")"
printf 'ratios: hunt with all rules = %.0f%% of hunt with 1 rule (%.0f%% with --no-stories); %.1fx evtxexport\n' \
  "$(echo "100 * $m1 / $ma" | bc -l)" "$(echo "100 * $m1 / $md" | bc -l)" "$(echo "$mr / $ma" | bc -l)"
