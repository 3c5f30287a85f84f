#!/bin/sh
# Installs Debian packages when run as root; otherwise prints the apt-get line
# to run and fails. With no arguments: what daicho needs to build and test.
#   tools/install-deps.sh [PACKAGE...]
set -eu
if [ $# -gt 0 ]; then
  packages="$*"
else
  packages="gcc make pkg-config libglib2.0-dev libglib2.0-dev-bin libsqlite3-dev
libcunit1-dev sqlite3 libxml2-dev libminizip-dev libxlsxwriter-dev zlib1g-dev
python3 unzip libreoffice-calc-nogui tzdata faketime groff-base man-db libxml2-utils gettext locales"
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
# The Japanese locale the messages tests run under (po/ja.po), generated once.
japanese_locale() {
  [ $# -eq 0 ] || return 0
  locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8' && return 0
  if [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null; then
    echo "generating the ja_JP.UTF-8 locale"
    localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
  else
    echo "the Japanese messages tests need:  sudo localedef -i ja_JP -f UTF-8 ja_JP.UTF-8" >&2
  fi
}

if [ -z "$missing" ]; then
  japanese_locale "$@"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
else
  echo "daicho needs these Debian packages:$missing" >&2
  echo "install them with:  sudo apt-get install -y$missing" >&2
  exit 1
fi
japanese_locale "$@"
