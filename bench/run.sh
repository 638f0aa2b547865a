#!/usr/bin/env bash
# The side-by-side benchmark (issues 7 and 19), run by hand, never by the test command:
#   bash bench/run.sh [--quick]
# Installs what is missing (Debian's hugo, GNU time, python3-venv and chromium, the npm packages
# from the lock file, mdbook from crates.io, MkDocs with the Material theme from PyPI into
# $CARGO_TARGET_DIR/mkdocs-venv, target/ by default), builds handbook, the pulldown-cmark floor
# (examples/markdown_floor.rs) and the file floor (examples/io_floor.rs) in release mode, then
# runs bench/bench.py, which prints the table and writes bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
target="${CARGO_TARGET_DIR:-target}"
missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi
command -v mdbook >/dev/null || cargo install mdbook --locked --quiet
if [ ! -x "$target/mkdocs-venv/bin/mkdocs" ]; then
  python3 -m venv "$target/mkdocs-venv"
  "$target/mkdocs-venv/bin/pip" install --quiet mkdocs-material
fi
[ -d node_modules/playwright-core ] || npm ci --quiet --no-audit --no-fund
cargo build --release --quiet
cargo build --release --quiet --example markdown_floor --example io_floor
CARGO_TARGET_DIR="$target" python3 bench/bench.py "$@"
