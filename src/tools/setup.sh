#!/usr/bin/env bash
# npm run setup: what the service and the tests need beyond `npm ci`, installed only when missing.
# Java 17 and Maven run the local Neo4j; Chromium runs the explorer's end-to-end tests; the Python
# packages run the Python client examples. Debian's packages need root (as on these machines).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r examples/python/requirements.txt
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-deps -r examples/python/requirements-no-deps.txt
echo "setup: $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null), Python packages ready"
