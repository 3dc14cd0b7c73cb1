#!/bin/sh
# scripts/test.sh — installs what is missing, builds with warnings as errors and the
# address and undefined-behaviour sanitizers, and runs every test suite headless.
# Extra arguments go to `meson test` (a suite: --suite core).
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

# shellcheck disable=SC2086
okc_install_packages $OKC_BUILD_PACKAGES $OKC_TEST_PACKAGES
okc_build build-tests -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false

okc_say "Running the tests"
meson test -C build-tests --print-errorlogs --no-suite bench "$@"
