#!/usr/bin/env bash
# Peak memory and time of the release binary on the hardening cases (issue 7): the 100 MB file,
# a 5 MB line without punctuation, 9 and 20 articles, one sentence repeated 10 000 times (with
# a scaling series, to show it stays linear), 20 000 one-word lines.
#
#   benches/resources.sh            # the quick cases (a few seconds, < 1 GB)
#   BIG=1 benches/resources.sh      # also 50 MB and 100 MB of prose actually analysed
#                                   # (about 40 s and 5 GB of memory at 100 MB)
#
# Inputs are generated in a temporary directory (awk, fixed seeds) and removed at the end.
# Needs GNU time (/usr/bin/time) for the memory column.
set -euo pipefail
bench_dir=$(cd "$(dirname "$0")" && pwd)
cd "$bench_dir/.."
# shellcheck source=benches/common.sh
source "$bench_dir/common.sh"
release_binary
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

if [ -x /usr/bin/time ]; then
  measure() { /usr/bin/time -f "%e %M" -o "$work/.time" "$@" >"$work/.out" 2>"$work/.err"; }
else
  measure() {
    local t0=$SECONDS
    "$@" >"$work/.out" 2>"$work/.err"
    echo "$((SECONDS - t0)) ?" >"$work/.time"
  }
fi


# Fixtures.
prose 1 2000 >small.txt
awk 'BEGIN { srand(3); n = split("alpha bravo charlie delta echo foxtrot golf hotel india juliet", w, " ");
  out = 0; while (out < 5 * 1024 * 1024) { s = w[1 + int(rand() * n)] int(rand() * 1000); printf "%s ", s; out += length(s) + 1 } }' >line5mb.txt
awk 'BEGIN { srand(4); n = split("bridge Fjord divers STORM ferry council strait", w, " ");
  for (i = 0; i < 20000; i++) print w[1 + int(rand() * n)] }' >lines20k.txt
repeat() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "A section of the Storsund Bridge collapsed into the fjord early on Tuesday, killing one person. " }'; }
repeat 10000 >rep10k_a.txt
cp rep10k_a.txt rep10k_b.txt
shared=$(prose 5 1500)
for i in $(seq 1 20); do
  { echo "Edition $i of the story"; echo; echo "$shared"; echo; prose "$((100 + i))" 2500; } >"article$i.txt"
done
truncate -s 100M sparse100mb.txt

rows=()
row() { # label, input description, command...
  local label=$1 input=$2
  shift 2
  local rc=0
  measure "$@" || rc=$?
  read -r secs kb < <(tail -n 1 "$work/.time")
  local mem="?"
  [ "$kb" != "?" ] && mem="$((kb / 1024)) MB"
  local note
  note=$(grep -m1 "error" "$work/.err" | sed 's/^artdiff: //' | cut -c1-70 || true)
  # --bench-tui: the first frame's time (analysis excluded) from its report.
  if grep -q "^first frame" "$work/.out" 2>/dev/null; then
    note="first frame $(awk '/^first frame/ { print $3 " " $4 }' "$work/.out")"
  fi
  rows+=("$(printf '| %-34s | %-26s | %7s s | %8s | %s %s |' "$label" "$input" "$secs" "$mem" "$rc" "$note")")
}

ex=(--export "$work/out.json")
row "100 MB file, default limit" "sparse 100 MB + 2 KB" "$bin" "${ex[@]}" sparse100mb.txt small.txt
row "5 MB line, no punctuation" "5 MB + 2 KB" "$bin" "${ex[@]}" line5mb.txt small.txt
cp line5mb.txt line5mb_b.txt
row "5 MB line against itself" "5 MB + 5 MB (all shared)" "$bin" "${ex[@]}" line5mb.txt line5mb_b.txt
row "20 000 one-word lines" "126 KB + 2 KB" "$bin" "${ex[@]}" lines20k.txt small.txt
row "9 articles" "9 × ~4 KB" "$bin" "${ex[@]}" $(for i in $(seq 1 9); do echo "article$i.txt"; done)
row "20 articles" "20 × ~4 KB" "$bin" "${ex[@]}" $(for i in $(seq 1 20); do echo "article$i.txt"; done)
for i in $(seq 1 9); do prose "$((200 + i))" $((1024 * 1024)) >"big$i.txt"; done
row "9 articles of 1 MB" "9 × 1 MB" "$bin" "${ex[@]}" $(for i in $(seq 1 9); do echo "big$i.txt"; done)
row "9 articles, HTML report" "9 × ~4 KB" "$bin" --export "$work/out.html" $(for i in $(seq 1 9); do echo "article$i.txt"; done)
for n in 5000 10000 20000 40000; do
  repeat "$n" >rep_a.txt
  cp rep_a.txt rep_b.txt
  row "sentence × $n, both sides" "$((n * 96 / 1024)) KB × 2" "$bin" "${ex[@]}" rep_a.txt rep_b.txt
done
row "TUI (--bench-tui): 5 MB line" "5 MB + 2 KB" "$bin" --bench-tui line5mb.txt small.txt
row "TUI (--bench-tui): 9 articles" "9 × ~4 KB" "$bin" --bench-tui $(for i in $(seq 1 9); do echo "article$i.txt"; done)
row "TUI (--bench-tui): 9 × 1 MB" "9 × 1 MB" "$bin" --bench-tui $(for i in $(seq 1 9); do echo "big$i.txt"; done)
row "TUI (--bench-tui): sentence × 10 000" "940 KB × 2" "$bin" --bench-tui rep10k_a.txt rep10k_b.txt
if [ "${BIG:-0}" = 1 ]; then
  prose 7 $((50 * 1024 * 1024 - 1024)) >prose50mb.txt
  row "50 MB prose (at the limit)" "50 MB + 2 KB" "$bin" "${ex[@]}" prose50mb.txt small.txt
  prose 8 $((100 * 1024 * 1024)) >prose100mb.txt
  row "100 MB prose, --max-size 200M" "100 MB + 2 KB" "$bin" --max-size 200M "${ex[@]}" prose100mb.txt small.txt
fi

echo "artdiff $("$bin" --version | cut -d' ' -f2), $(nproc) cores, $(uname -m)"
echo
echo "| case                               | input                      |    time |  peak RSS | exit |"
echo "| ---------------------------------- | -------------------------- | ------: | --------: | ---- |"
printf '%s\n' "${rows[@]}"
