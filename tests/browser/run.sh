#!/usr/bin/env bash
# Builds the artdiff binary and runs the real-browser test of the HTML report.
# Needs Debian's chromium (/usr/bin/chromium, or $CHROMIUM) and `npm ci` done in tests/browser.
# Screenshots, the DOM dump and the reports land in target/browser/.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
cargo build --quiet --bin artdiff
export ARTDIFF_BIN="${ARTDIFF_BIN:-$target/debug/artdiff}"
exec node tests/browser/report.test.mjs "$target/browser"
