# Shared by the end-to-end benchmarks: builds the input and the tools' settings. Source it after setting
# root, data and work. Every .evtx under the shared data folder is linked, as many copies as needed to
# hold at least MIN_RECORDS records (default 500,000), under $work/in; $work/list holds the files, NUL-
# separated. Sets jar, jvm (the launcher's JVM options, so that this measures what users run), files,
# per_copy, copies, records and bytes.
"$root/dotlink" --version >/dev/null
jar="$root/cli/target/dotlink-cli.jar"
jvm=(${DOTLINK_JAVA_OPTS:--XX:+UseSerialGC -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000 -XX:InitialRAMPercentage=6.25 -XX:Tier4InvocationThreshold=40000 -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000})
command -v evtxexport >/dev/null || { echo "evtxexport missing: apt-get install libevtx-utils" >&2; exit 2; }
min_records="${MIN_RECORDS:-500000}"

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
records=$((per_copy * copies))
bytes=$(find -L "$work/in" -name '*.evtx' -printf '%s\n' | awk '{s+=$1} END {printf "%d\n", s}')
find -L "$work/in" -name '*.evtx' -print0 > "$work/list"

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
