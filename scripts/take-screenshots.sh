#!/bin/sh
# take-screenshots.sh [BUILD_DIR] — retakes data/screenshots/*.png, the metainfo's
# screenshots, from the console built in BUILD_DIR (default: build) on demo data, at the
# size the metainfo gives, under the GUI tests' headless session.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
tree=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$tree/build}" && pwd)

export OKC_BACKEND_PATH="$build/src/backend/ok2charge-backend"
export OKC_CONSOLE_PATH="$build/src/ui/ok2charge-console"
export OKC_SCHEMA_DIR="$build/data"
export OKC_SCREENSHOT_DIR="$tree/data/screenshots"
export OKC_GUI_BACKEND_ARGS="--simulator-control"
export PYTHONPATH="$tree/tests/gui"
mkdir -p "$OKC_SCREENSHOT_DIR"
exec "$tree/tests/gui/run-gui-test.sh" "$tree/scripts/take-screenshots.py"
