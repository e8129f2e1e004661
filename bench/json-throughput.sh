#!/usr/bin/env bash
# JSON ingestion throughput: `dotlink events` over every Mordor dataset (121 archives of Windows events
# exported as JSON), unpacked and as the archives themselves, with 1 and 2 parser threads, output to
# /dev/null. Prints each run, then medians in MB/s of JSON and events/s.
#
#   bench/json-throughput.sh [ROUNDS]      (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${DOTLINK_SHARED_DATA:-$root/../shared/data}"
rounds="${1:-3}"
work="$(mktemp -d /tmp/dotlink-json-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$root/dotlink" --version >/dev/null
jar="$root/cli/target/dotlink-cli.jar"
jvm=(${DOTLINK_JAVA_OPTS:--XX:+UseSerialGC -XX:FreqInlineSize=100})

# Unpack every dataset (some .tar.gz lack their gzip trailer: their member is whole, so keep it).
python3 - "$data/mordor/windows" "$work/unpacked" <<'PY'
import sys, os, zipfile, tarfile
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for dirpath, _, files in os.walk(src):
    for f in sorted(files):
        p = os.path.join(dirpath, f)
        if f.endswith('.zip'):
            with zipfile.ZipFile(p) as z:
                for m in z.infolist():
                    if not m.is_dir() and '__MACOSX' not in m.filename:
                        with z.open(m) as i, open(os.path.join(dst, os.path.basename(m.filename)), 'wb') as o:
                            o.write(i.read())
        elif f.endswith('.tar.gz'):
            t = tarfile.open(p, 'r|gz')
            try:
                for m in t:
                    if m.isfile() and '__MACOSX' not in m.name:
                        with t.extractfile(m) as i, open(os.path.join(dst, os.path.basename(m.name)), 'wb') as o:
                            o.write(i.read())
            except (EOFError, tarfile.ReadError):
                pass
PY
mb=$(du -sm --apparent-size "$work/unpacked" | cut -f1)
files=$(ls "$work/unpacked" | wc -l)
echo "input: $files JSON files unpacked, $mb MB; the same as 121 archives under $data/mordor/windows"

run() { # label, threads, path
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$(java "${jvm[@]}" -jar "$jar" events "$3" --threads "$2" 2>&1 >/dev/null | tail -1)
  t1=$(date +%s.%N)
  events=$(echo "$out" | sed -n 's/^dotlink events: \([0-9,]*\) records.*/\1/p' | tr -d ,)
  echo "$(echo "$t1 - $t0" | bc)"
}

declare -A times
for ((r = 1; r <= rounds; r++)); do
  for threads in 1 2; do
    for kind in unpacked archives; do
      path="$work/unpacked"; [ "$kind" = archives ] && path="$data/mordor/windows"
      s=$(run "$kind" "$threads" "$path")
      times["$kind-$threads"]+="$s "
      echo "round $r: $kind, $threads thread(s): $s s ($events events)"
    done
  done
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for key in unpacked-1 unpacked-2 archives-1 archives-2; do
  m=$(median "${times[$key]}")
  printf '%-12s median %6.2f s  %7.1f MB/s of JSON  %9.0f events/s\n' "$key" "$m" "$(echo "$mb / $m" | bc -l)" \
    "$(echo "$events / $m" | bc -l)"
done
