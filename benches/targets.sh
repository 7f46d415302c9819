#!/usr/bin/env bash
# The speed and memory targets of the engine, one row each, with `git diff --no-index
# --word-diff` timed in the same run as the yardstick:
#
#   benches/targets.sh            # every row but the 50 MB one (about a minute)
#   BIG=1 benches/targets.sh      # also 50 MB of prose against 2 KB
#   RUNS=5 benches/targets.sh     # more runs per row (median; default 3, 21 for the seeds)
#   BASELINE=/path/to/artdiff benches/targets.sh   # also times another build, same inputs
#                                                  # and run: a before/after table
#
# Rows on ../shared data (nyt vs fox, the five seeds) say "skipped" when it is absent; the
# other inputs are generated in a temporary directory (awk, fixed seeds) and removed at the end.
# Whole processes are timed (`--export` of a JSON report to a temporary file), so start-up,
# reading and writing the report count. Needs GNU time (/usr/bin/time) for peak memory.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
cd "$bench_dir/.."
# shellcheck source=benches/common.sh
source "$bench_dir/common.sh"
release_binary
shared="${SHARED:-$PWD/../shared}"
runs="${RUNS:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median_run CMD...: runs CMD $runs times, timed as the shell runs it (GNU time around it
# would add its own start-up, a third of the five seeds' time); then once more under GNU time
# for the peak memory. Prints "median_seconds peak_kb".
median_run() {
  local times=()
  for _ in $(seq 1 "$runs"); do
    local start=$EPOCHREALTIME
    "$@" >"$work/.out" 2>"$work/.err" || true
    times+=("$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')")
  done
  /usr/bin/time -f "%M" -o "$work/.time" "$@" >"$work/.out" 2>"$work/.err" || true
  # GNU time puts "Command exited with non-zero status" first when it does (git diff: 1).
  local peak
  peak=$(tail -n 1 "$work/.time")
  printf '%s\n' "${times[@]}" | sort -n | awk -v peak="$peak" '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)], peak }'
}


rows=()
# row LABEL TARGET_SECONDS TARGET_MB GIT_A GIT_B ARTICLES...
row() {
  local label=$1 max_s=$2 max_mb=$3 git_a=$4 git_b=$5
  shift 5
  read -r secs kb < <(median_run "$bin" --export "$work/report.json" "$@")
  local mb=$((kb / 1024)) git_s="" ratio="" verdict="ok" before=""
  if [ -n "${BASELINE:-}" ]; then
    read -r base_s base_kb < <(median_run "$BASELINE" --export "$work/report.json" "$@")
    before=$(printf '%s s, %s MB' "$base_s" $((base_kb / 1024)))
  fi
  if [ -n "$git_a" ]; then
    read -r git_s _ < <(median_run git diff --no-index --word-diff "$git_a" "$git_b")
    ratio=$(awk -v a="$secs" -v g="$git_s" 'BEGIN { if (g > 0) printf "%.1fx", a / g; else print "-" }')
  fi
  awk -v s="$secs" -v t="$max_s" 'BEGIN { exit !(s < t) }' || verdict="over time"
  [ "$mb" -lt "$max_mb" ] || verdict="over memory"
  rows+=("$(printf '| %-30s | %7s s | %6s MB | %8s | %6s | < %s s, < %s MB: %s |%s' \
    "$label" "$secs" "$mb" "${git_s:+$git_s s}" "$ratio" "$max_s" "$max_mb" "$verdict" \
    "${BASELINE:+ $before |}")")
  last_secs=$secs
  last_mb=$mb
}

# growth LABEL SMALL_SECONDS SMALL_MB: the last row against a smaller one (4× the input).
growth() {
  local label=$1 small_s=$2 small_mb=$3
  rows+=("$(awk -v l="$label" -v s="$small_s" -v S="$last_secs" -v m="$small_mb" -v M="$last_mb" 'BEGIN {
    ts = (s > 0) ? S / s : 0; ms = (m > 0) ? M / m : 0
    printf "| %-30s | %8.1fx | %8.1fx |          |        | <= 4.5x both: %s |", l, ts, ms,
      (ts <= 4.5 && ms <= 4.5) ? "ok" : "over"
  }')")
}

large="$shared/eval/large"
if [ -f "$large/nyt.txt" ] && [ -f "$large/fox.txt" ]; then
  head -c $(($(wc -c <"$large/nyt.txt") / 4)) "$large/nyt.txt" >"$work/nyt_quarter.txt"
  head -c $(($(wc -c <"$large/fox.txt") / 4)) "$large/fox.txt" >"$work/fox_quarter.txt"
  row "nyt vs fox, 1/4 of each" 1 100 "$work/nyt_quarter.txt" "$work/fox_quarter.txt" \
    "$work/nyt_quarter.txt" "$work/fox_quarter.txt"
  quarter_s=$last_secs quarter_mb=$last_mb
  row "nyt vs fox (0.50 + 0.38 MB)" 0.150 100 "$large/nyt.txt" "$large/fox.txt" \
    "$large/nyt.txt" "$large/fox.txt"
  growth "  growth, 4x longer articles" "$quarter_s" "$quarter_mb"
else
  rows+=("| nyt vs fox                     | skipped: $large not found |")
fi
seeds=("$shared"/seeds/*.txt)
if [ -f "${seeds[0]}" ]; then
  # A 10 ms row needs more than a few runs to say anything: 21, as checks/perf-seeds takes.
  runs_before=$runs
  runs=$((runs > 21 ? runs : 21))
  row "five seeds" 0.010 100 "${seeds[0]}" "${seeds[1]}" "${seeds[@]}"
  runs=$runs_before
else
  rows+=("| five seeds                     | skipped: $shared/seeds not found |")
fi

cd "$work"
for i in $(seq 1 20); do prose "$((300 + i))" $((200 * 1024)) >"fifth$i.txt"; done
row "5 x 0.2 MB" 1 500 fifth1.txt fifth2.txt fifth{1..5}.txt
five_s=$last_secs five_mb=$last_mb
row "20 x 0.2 MB" 1 500 fifth1.txt fifth2.txt fifth{1..20}.txt
growth "  growth, 4x more articles" "$five_s" "$five_mb"
for i in $(seq 1 9); do prose "$((200 + i))" $((1024 * 1024)) >"big$i.txt"; done
row "9 x 1 MB" 2.5 500 big1.txt big2.txt big{1..9}.txt
if [ "${BIG:-0}" = 1 ]; then
  prose 1 2000 >small.txt
  prose 7 $((50 * 1024 * 1024 - 1024)) >prose50mb.txt
  row "50 MB + 2 KB" 8 750 prose50mb.txt small.txt prose50mb.txt small.txt
fi

echo "artdiff $("$bin" --version | cut -d' ' -f2), $(nproc) cores, median of $runs runs per row"
echo
echo "| case                           |    time |  peak RSS | git word-diff | ratio | target |${BASELINE:+ baseline |}"
echo "| ------------------------------ | ------: | --------: | -------: | -----: | ------ |${BASELINE:+ -------- |}"
printf '%s\n' "${rows[@]}"
