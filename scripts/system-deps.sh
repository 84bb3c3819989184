#!/usr/bin/env bash
# Install what the tests need outside Python: LibreOffice (to prove page counts), Carlito and
# friends (metric-compatible with Calibri, so LibreOffice breaks lines like Word), poppler-utils,
# and Chromium (the HTML report's tests open it in a real browser, driven by Playwright; never
# `playwright install`, which would download another browser), and strace (a slow test watches
# every socket a run opens, from any library, to prove nothing leaves the laptop).
set -euo pipefail
packages=(libreoffice-writer-nogui fonts-crosextra-carlito fonts-crosextra-caladea
          fonts-liberation2 poppler-utils chromium strace)
# No pipe into `grep -q` here: grep leaves at the first match, fc-list then dies of SIGPIPE,
# and with pipefail that reads as "not installed" (exit 141), at random.
have() { command -v soffice >/dev/null && command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null \
         && command -v strace >/dev/null \
         && { command -v chromium >/dev/null || command -v chromium-browser >/dev/null; } \
         && [ -n "$(fc-list Carlito 2>/dev/null)" ]; }
if have; then exit 0; fi
if ! command -v apt-get >/dev/null; then
  echo "system-deps: install LibreOffice, the Carlito font, poppler-utils, Chromium and strace with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "system-deps: installing ${packages[*]}" >&2
$sudo apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null
have
