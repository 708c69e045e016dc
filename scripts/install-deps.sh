#!/usr/bin/env bash
# Installs the Debian packages hybridlint builds with, if any is missing.
# Idempotent and quiet when everything is there. Run as root (or with sudo).
# Extra package names given as arguments are installed too (the CI
# hardening stage adds libFuzzer's: scripts/ci-sanitize-and-fuzz.sh).
set -euo pipefail
packages=(cmake g++ make pkg-config libyaml-cpp-dev nlohmann-json3-dev libre2-dev
          libpugixml-dev doctest-dev libssl-dev)
# The test suite also validates JSON and SARIF reports against their schemas
# (python3-jsonschema; python3-rfc3987 lets it check "uri" formats) and loads
# the HTML report in headless Chromium (with a font to draw the screenshot).
packages+=(python3 python3-jsonschema python3-rfc3987 chromium fonts-dejavu-core)
packages+=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
