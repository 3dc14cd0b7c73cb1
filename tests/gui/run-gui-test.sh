#!/bin/sh
# run-gui-test.sh TEST.py — runs a dogtail test the way a user meets the console: its own
# X server, D-Bus session, keyring and accessibility bus, a fresh home directory, and the
# real backend on a free loopback port with demo data.
#
# Environment: OKC_BACKEND_PATH, OKC_CONSOLE_PATH, OKC_SCHEMA_DIR (set by meson);
# OKC_GUI_BACKEND_ARGS, more options for the backend ("--simulator-control").
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

test_script="$1"
work=$(mktemp -d "${TMPDIR:-/tmp}/okc-gui.XXXXXX")
backend_pid=""
xvfb_pid=""

cleanup () {
  [ -n "$backend_pid" ] && kill "$backend_pid" 2>/dev/null || true
  # A backend the test restarted itself wrote its pid here.
  [ -f "$work/backend.pid" ] && kill "$(cat "$work/backend.pid")" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
export HOME="$work/home"
export XDG_RUNTIME_DIR="$work/runtime"
export XDG_DATA_HOME="$work/home/.local/share"
export XDG_CONFIG_HOME="$work/home/.config"
export XDG_CACHE_HOME="$work/home/.cache"

# An X server on a free display number, told back through a file descriptor.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
while [ ! -s "$work/display" ]; do
  kill -0 "$xvfb_pid" 2>/dev/null || { cat "$work/xvfb.log" >&2; exit 1; }
  sleep 0.1
done
export DISPLAY=":$(cat "$work/display")"

# The real backend on demo data; it prints its address once it listens.
"$OKC_BACKEND_PATH" --database "$work/backend.sqlite" --listen 127.0.0.1:0 --demo --seed 7 \
  --tickets 300 ${OKC_GUI_BACKEND_ARGS:-} >"$work/backend.log" 2>&1 &
backend_pid=$!
while ! grep -q "^Listening on " "$work/backend.log" 2>/dev/null; do
  kill -0 "$backend_pid" 2>/dev/null || { cat "$work/backend.log" >&2; exit 1; }
  sleep 0.1
done
OKC_TEST_BACKEND_URL=$(sed -n 's/^Listening on //p' "$work/backend.log" | head -n 1)
export OKC_TEST_BACKEND_URL OKC_TEST_BACKEND_PID="$backend_pid" OKC_TEST_WORK_DIR="$work"

# Accessibility on; the console under test reads the real, compiled schema; leaks are
# not the GUI tests' business (the unit suites check them).
unset NO_AT_BRIDGE
export GTK_A11Y=atspi GSK_RENDERER=cairo GDK_BACKEND=x11 GSETTINGS_BACKEND=keyfile
export GSETTINGS_SCHEMA_DIR="$OKC_SCHEMA_DIR"
export ASAN_OPTIONS="detect_leaks=0"
export G_DEBUG=""

# Not exec'd: the trap above must stop the backend and the X server afterwards, or
# their open output would keep meson waiting.
dbus-run-session -- sh -c '
  echo -n test-keyring-password |
    gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>"$OKC_TEST_WORK_DIR/keyring.log"
  exec /usr/bin/python3 "$0"
' "$test_script"

