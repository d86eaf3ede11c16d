#!/usr/bin/env bash
# Installs the browser the chat app's browser test drives (tests/test_chat_browser.py): Chromium and its
# WebDriver from Debian's packages (chromium, chromium-driver). Never a browser download from elsewhere:
# Selenium is always given /usr/bin/chromedriver, so Selenium Manager has nothing to fetch.
# Prints what it does; when it cannot install, it fails with the one command to run.
set -euo pipefail
source "$(dirname "$0")/config.sh"

# Where the test looks; the same paths on Debian and Ubuntu's chromium packages.
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
  say "browser for the chat app's test: $("$CHROMIUM" --version 2>/dev/null | head -1), $("$CHROMEDRIVER" --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(uname -s)" != Linux ] || ! command -v apt-get >/dev/null; then
  die "The chat app's browser test needs Chromium and chromedriver at $CHROMIUM and $CHROMEDRIVER; this system has no apt-get, so install them with its package manager (the test fails until then)."
fi
say "the chat app's browser test needs Chromium and its WebDriver; installing Debian's chromium and chromium-driver (about 300 MB, once)"
apt_install chromium chromium-driver
if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
  die "chromium and chromium-driver installed but $CHROMIUM or $CHROMEDRIVER is missing: run 'sudo apt-get install --reinstall chromium chromium-driver'."
fi
say "installed: $("$CHROMIUM" --version 2>/dev/null | head -1), $("$CHROMEDRIVER" --version 2>/dev/null | head -1)"
