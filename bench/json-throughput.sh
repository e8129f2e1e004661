#!/usr/bin/env bash
# JSON ingestion throughput: `dotlink events` over every Mordor dataset (121 archives of Windows events
# exported as JSON), unpacked and as the archives themselves, with 1 and 2 parser threads, output to
# /dev/null. Prints each run, then medians in MB/s of JSON and events/s.
#
#   bench/json-throughput.sh [ROUNDS]      (default 3)
set -euo pipefail
source "$(dirname "$0")/setup.sh"
rounds="${1:-3}"

"$root/dotlink" --version >/dev/null
jar="$root/cli/target/dotlink-cli.jar"
jvm=(${DOTLINK_JAVA_OPTS:--XX:+UseSerialGC -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000 -XX:InitialRAMPercentage=6.25 -XX:Tier4InvocationThreshold=40000 -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000})

# Unpack every dataset, each member named after its archive. Some .tar.gz lack their gzip trailer:
# tar complains at the end, but their member is whole.
mkdir -p "$work/unpacked" "$work/tmp"
while IFS= read -r -d '' a; do
  name=$(basename "$(dirname "$(dirname "$a")")")__$(basename "$a") # tactic__archive: two tactics share a name
  rm -rf "$work/tmp"/* "$work/tmp"/.[!.]* 2>/dev/null || true
  case "$a" in
    *.zip) unzip -qq -o "$a" -d "$work/tmp" ;;
    *.tar.gz) tar xzf "$a" -C "$work/tmp" 2>/dev/null || true ;;
  esac
  find "$work/tmp" -type f ! -path '*__MACOSX*' -print0 | while IFS= read -r -d '' m; do
    mv "$m" "$work/unpacked/${name}__$(basename "$m")"
  done
done < <(find "$data/mordor/windows" \( -name '*.zip' -o -name '*.tar.gz' \) -print0 | sort -z)
mb=$(du -sm --apparent-size "$work/unpacked" | cut -f1)
files=$(ls "$work/unpacked" | wc -l)
echo "input: $files JSON files unpacked, $mb MB; the same as 121 archives under $data/mordor/windows"

events=$(java "${jvm[@]}" -jar "$jar" events "$work/unpacked" 2>&1 >/dev/null | tail -1 \
  | sed -n 's/^dotlink events: \([0-9,]*\) records.*/\1/p' | tr -d ,)
echo "events: $events"

run() { # threads, path; prints the wall time in seconds
  local t0 t1
  t0=$(date +%s.%N)
  java "${jvm[@]}" -jar "$jar" events "$2" --threads "$1" --quiet >/dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

declare -A times
for ((r = 1; r <= rounds; r++)); do
  for threads in 1 2; do
    for kind in unpacked archives; do
      path="$work/unpacked"; [ "$kind" = archives ] && path="$data/mordor/windows"
      s=$(run "$threads" "$path")
      times["$kind-$threads"]+="$s "
      echo "round $r: $kind, $threads thread(s): $s s"
    done
  done
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for key in unpacked-1 unpacked-2 archives-1 archives-2; do
  m=$(median "${times[$key]}")
  printf '%-12s median %6.2f s  %7.1f MB/s of JSON  %9.0f events/s\n' "$key" "$m" "$(echo "$mb / $m" | bc -l)" \
    "$(echo "$events / $m" | bc -l)"
done
