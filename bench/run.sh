#!/usr/bin/env bash
# The side-by-side benchmark (issue 7), run by hand, never by the test command:
#   bash bench/run.sh [--quick]
# Installs what is missing (Debian's hugo and GNU time, mdbook from crates.io), builds handbook
# in release mode, then runs bench/bench.py, which prints the table and writes bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi
command -v mdbook >/dev/null || cargo install mdbook --locked --quiet
cargo build --release --quiet
python3 bench/bench.py "$@"
