#!/usr/bin/env bash
# Runs every test of handbook on a fresh Debian machine (cargo, node and npm present, root):
# installs what is missing (Debian's chromium, npm packages from the lock file), then runs the
# Rust tests and the browser tests. Used as is by CI (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)   # for the Nu HTML Checker (vnu.jar)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]} from Debian"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}"
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
fi

echo "==> cargo fmt --check"
cargo fmt --check
echo "==> cargo clippy"
cargo clippy --quiet --all-targets -- -D warnings
echo "==> cargo test"
cargo test --quiet
echo "==> browser tests (headless Chromium)"
cargo build --quiet
npm test
