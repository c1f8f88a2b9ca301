#!/usr/bin/env bash
# Install the Debian packages the test suite drives for real: Chromium (browser tests),
# PostgreSQL (the database tests run on it too), Node.js (axe-core) and Python's venv module.
# Does nothing when they are there.
# With the argument "bench", installs instead what the benchmarks use: wrk, the HTTP load generator
# (without it they fall back to a slower Python one).
set -euo pipefail

need=()
if [ "${1:-}" = "bench" ]; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  purpose="the benchmarks"
else
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
  "${PYTHON:-python3}" -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
  purpose="the tests"
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "Installing Debian packages for ${purpose}: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "These packages are missing: ${need[*]}. Install them as root (apt-get install ${need[*]}), then run make again." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=300 update -q
$sudo apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${need[@]}"
