#!/bin/sh
# scripts/demo.sh — installs what is missing, builds, starts the reference backend on demo
# data and opens the console signed in to it as an agent.
#
#   OKC_PORT=8765                             the backend's port
#   OKC_USER=alex.rivera@ok2charge.example    who to sign in as (see the backend's output)
#   OKC_PASSWORD=demo-agent                   their password
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

port="${OKC_PORT:-8765}"
user="${OKC_USER:-alex.rivera@ok2charge.example}"
password="${OKC_PASSWORD:-demo-agent}"

# shellcheck disable=SC2086
okc_install_packages $OKC_BUILD_PACKAGES gnome-keyring
okc_build build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No graphical display (DISPLAY and WAYLAND_DISPLAY are unset): run this from a desktop session to open the console." >&2
  exit 1
fi

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/ok2charge-backend"
mkdir -p "$data_dir"
log="$data_dir/backend.log"

okc_say "Starting the reference backend on 127.0.0.1:$port (demo data in $data_dir)"
build/src/backend/ok2charge-backend --demo --fleet-activity --database "$data_dir/backend.sqlite" \
  --listen "127.0.0.1:$port" >"$log" 2>&1 &
backend_pid=$!
trap 'kill "$backend_pid" 2>/dev/null || true' EXIT INT TERM

# Wait for the backend to say it listens, or to die trying.
while ! grep -q "^Listening on " "$log" 2>/dev/null; do
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    echo "The backend did not start:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.2
done
cat "$log"

okc_say "Opening the console as $user"
GSETTINGS_SCHEMA_DIR="$PWD/build/data" OKC_PASSWORD="$password" \
  build/src/ui/ok2charge-console --backend-url "http://127.0.0.1:$port" --user "$user"
