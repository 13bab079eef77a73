#!/usr/bin/env bash
# Install the Debian packages Mathroom needs, only those missing. Usage: system-packages.sh test|run
#   test: Qt offscreen libraries, fonts, poppler (PDF checks), CUPS with a PDF-writing queue
#         (the printing tests print to it; Debian names cups-pdf printer-driver-cups-pdf)
#   (and PostgreSQL: the department library's tests start a private cluster of their own)
#   run:  the above plus Xvfb and the xcb libraries, for a real window on a machine with no display
set -euo pipefail
TEST_PKGS=(make libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
           fonts-dejavu-core poppler-utils cups cups-client printer-driver-cups-pdf
           postgresql)
RUN_PKGS=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
          libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
          libx11-xcb1)
wanted=("${TEST_PKGS[@]}")
[ "${1:-test}" = run ] && wanted+=("${RUN_PKGS[@]}")
command -v dpkg >/dev/null 2>&1 || exit 0   # not Debian-like: nothing we can do here
missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
((${#missing[@]})) || exit 0
echo "Installing system packages: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
