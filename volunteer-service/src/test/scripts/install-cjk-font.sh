#!/usr/bin/env bash
# Installs the CJK font the 志愿服务证明 PDF embeds (Debian's fonts-noto-cjk: Noto Sans CJK, where
# CertificatePdf looks first) when the machine has none. Idempotent; the build runs it before the
# module's tests (pom.xml, execution install-cjk-font), and by hand it is the same one command.
set -euo pipefail
font=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [ -r "$font" ] || fc-list 2>/dev/null | grep -qi "noto sans cjk\|wenquanyi"; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "Need root (or sudo) to install the certificate's font: apt-get install -y fonts-noto-cjk" >&2
    exit 1
  fi
fi
echo "Installing fonts-noto-cjk from Debian's packages (once, for the volunteer certificate's tests)…"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null
echo "Installed: $font"
