# scripts/setup.sh — sourced by demo.sh and test.sh: installs what Debian 12 lacks, builds.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later

# What building and running need.
OKC_BUILD_PACKAGES="meson ninja-build pkg-config gcc libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
  libsecret-1-dev libcairo2-dev gettext desktop-file-utils appstream"

# What the test suites need on top: a headless display, a session bus, a keyring,
# the accessibility bus and dogtail to drive the GUI through it.
OKC_TEST_PACKAGES="xvfb xauth dbus dbus-x11 gnome-keyring at-spi2-core python3-dogtail xdotool
  python3-gi gir1.2-gtk-3.0 python3-yaml python3-jsonschema imagemagick poppler-utils locales flatpak-builder"

okc_say () {
  printf '\033[1m==> %s\033[0m\n' "$*"
}

# Installs the Debian packages among "$@" that are not installed yet.
okc_install_packages () {
  missing=""
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      missing="$missing $package"
    fi
  done
  [ -z "$missing" ] && return 0

  okc_say "Installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "These Debian packages are missing and there is no sudo to install them:$missing" >&2
    return 1
  fi
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

# okc_build BUILD_DIR [MESON_OPTION...]: configures once, then builds.
okc_build () {
  build_dir="$1"
  shift
  if [ ! -f "$build_dir/build.ninja" ]; then
    okc_say "Configuring $build_dir"
    meson setup "$build_dir" "$@"
  fi
  okc_say "Building $build_dir"
  ninja -C "$build_dir"
}
