#!/bin/sh
# run-with-keyring.sh COMMAND [ARGS…]
#
# Runs COMMAND in a D-Bus session of its own, with gnome-keyring's Secret Service started
# and its login keyring unlocked, in a temporary HOME that is removed afterwards: the
# test never sees (or writes to) the keyring of whoever runs it.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

tmp=$(mktemp -d "${TMPDIR:-/tmp}/okc-keyring-XXXXXX")
cleanup () { rm -rf "$tmp"; }
trap cleanup EXIT INT TERM

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export OKC_TEST_KEYRING=1

status=0
# The daemon forks; wait until it owns the Secret Service's name, or D-Bus activation
# would start a second, locked one for the test's first call. The tests' G_DEBUG
# (fatal-warnings) is theirs, not the daemon's: gnome-keyring logs warnings in normal
# operation and would abort.
dbus-run-session -- sh -c '
  printf "%s" "test-keyring-password" |
    env -u G_DEBUG gnome-keyring-daemon --unlock --components=secrets >/dev/null
  gdbus wait --session --timeout 30 org.freedesktop.secrets
  exec "$@"' okc-keyring "$@" || status=$?
exit "$status"
