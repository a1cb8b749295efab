#!/usr/bin/env bash
# Installs what the browser tests need and the machine may lack: Debian's chromium (Playwright drives
# it; browser downloads are not possible here) and a CJK font, so that screenshots show Chinese text.
# Idempotent; run by WebAppBrowser before the first browser test, or by hand.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk\|wenquanyi" || packages+=(fonts-noto-cjk)
if [ ${#packages[@]} -eq 0 ]; then
  echo "chromium and a CJK font are installed: $(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "Need root (or sudo) to install ${packages[*]}: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi
echo "Installing ${packages[*]} from Debian's packages (once)…"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "Installed: $(chromium --version)"
