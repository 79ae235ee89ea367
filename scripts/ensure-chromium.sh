#!/usr/bin/env bash
# Headless Chromium for the web UI test (tests/e2e/test_web_ui.py), from Debian's packages.
# Installs it when missing and allowed (root, or sudo without a password). Under CI=true a
# missing browser is an error; elsewhere the test is skipped and this only warns.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="none"; fi
if [ "$SUDO" != none ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium (Debian package chromium) for the web UI test..."
  log=$(mktemp)
  if $SUDO apt-get update -qq >"$log" 2>&1 &&
     DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >>"$log" 2>&1; then
    exit 0
  fi
  tail -n 20 "$log"
fi
if [ "${CI:-}" = true ]; then
  echo "Chromium is missing and could not be installed; the web UI test needs it." >&2
  exit 1
fi
echo "Chromium is not installed; the web UI test will be skipped (apt-get install chromium)." >&2
exit 0
