# Shared by the benchmark scripts (sourced, not run, from the repository's root).

# release_binary: builds the release binary and sets `bin` to its absolute path.
release_binary() {
  cargo build --release --quiet
  bin="${CARGO_TARGET_DIR:-target}/release/artdiff"
  [ "${bin#/}" = "$bin" ] && bin="$PWD/$bin"
  return 0
}

# prose SEED BYTES: sentences of random words, paragraphs now and then.
prose() {
  awk -v seed="$1" -v bytes="$2" 'BEGIN {
    srand(seed)
    n = split("the a of to in and bridge police storm ferry minister said on Tuesday people were missing divers searched strait families hall town council report engineers inspected cables collapse river mayor officials reporters rescue boats water wind night morning village school road closed opened traffic commuters span metres vehicles daily review government budget repairs", w, " ")
    out = 0
    while (out < bytes) {
      k = 6 + int(rand() * 20)
      s = "The"
      for (i = 0; i < k; i++) s = s " " w[1 + int(rand() * n)]
      s = s " " int(rand() * 10000) "."
      sep = (rand() < 0.2) ? "\n\n" : " "
      printf "%s%s", s, sep
      out += length(s) + length(sep)
    }
    print ""
  }'
}
