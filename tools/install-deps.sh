#!/bin/sh
# Installs Debian packages when run as root; otherwise prints the apt-get line
# to run and fails.
#   tools/install-deps.sh            what building needs (make, make demo)
#   tools/install-deps.sh --demo     that, and the tools the demo script uses
#   tools/install-deps.sh --test     that, and what the tests need (make check):
#                                    LibreOffice, CUnit, faketime, strace, the ja_JP locale,
#                                    PostgreSQL 15 and openssl (the tests of the PostgreSQL engine)
#   tools/install-deps.sh PACKAGE... those packages
set -eu
build="gcc make pkg-config libglib2.0-dev libglib2.0-dev-bin libsqlite3-dev
libpq-dev libxml2-dev libminizip-dev libxlsxwriter-dev zlib1g-dev gettext"
demo="python3 sqlite3 unzip"
test="libcunit1-dev libreoffice-calc-nogui tzdata faketime groff-base man-db libxml2-utils locales strace
postgresql-15 postgresql-common openssl"
with_locale=no
case "${1:-}" in
  "") packages=$build ;;
  --demo) packages="$build $demo" ;;
  --test) packages="$build $demo $test"; with_locale=yes ;;
  -*) echo "usage: tools/install-deps.sh [--demo|--test|PACKAGE...]" >&2; exit 2 ;;
  *) packages="$*" ;;
esac

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
# The Japanese locale the messages tests run under (po/ja.po), generated once.
japanese_locale() {
  [ "$with_locale" = yes ] || return 0
  locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8' && return 0
  if [ "$(id -u)" -eq 0 ] && command -v localedef >/dev/null; then
    echo "generating the ja_JP.UTF-8 locale"
    localedef -i ja_JP -f UTF-8 ja_JP.UTF-8
  else
    echo "the Japanese messages tests need:  sudo localedef -i ja_JP -f UTF-8 ja_JP.UTF-8" >&2
  fi
}

if [ -z "$missing" ]; then
  japanese_locale
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
japanese_locale
