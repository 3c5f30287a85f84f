# End-to-end tests: `make install` into a DESTDIR (binary, libdaicho.a, headers,
# daicho.pc, man page, completion), a program built against the installed
# library with pkg-config, and `make uninstall`.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-install.sh

# make TARGET... in the source tree, for the build $DAICHO comes from.
make_here() {
  local sanitize=
  [ "$(basename "$(dirname "$DAICHO")")" = build-san ] && sanitize=1
  make --no-print-directory -C "$DAICHO_ROOT" SANITIZE=$sanitize "$@" >"$TEST_DIR/make.log" 2>&1 ||
    fail "make $* failed: $(tail -n 5 "$TEST_DIR/make.log")"
}

test_install_into_destdir_and_build_against_it() {
  local dest=$TEST_DIR/root prefix=/opt/daicho-test
  make_here install DESTDIR="$dest" PREFIX=$prefix
  local p
  for p in bin/daicho lib/libdaicho.a lib/pkgconfig/daicho.pc include/daicho/daicho.h \
           include/daicho/store/dc-backup.h share/man/man1/daicho.1 share/bash-completion/completions/daicho; do
    [ -f "$dest$prefix/$p" ] || fail "make install did not install $p"
  done
  for p in dc-zip.h dc-i18n.h; do
    [ -z "$(find "$dest$prefix/include" -name "$p")" ] || fail "the private header $p was installed"
  done
  expect_eq "$(stat -c %a "$dest$prefix/bin/daicho")" 755 "mode of bin/daicho"
  "$dest$prefix/bin/daicho" --version | grep -q "daicho 0.1.0" || fail "the installed daicho does not run"
  # It finds its catalogue under the PREFIX it was installed to, not only the one it was built for.
  if locale -a 2>/dev/null | grep -qix 'ja_JP.utf-\{0,1\}8'; then
    LC_ALL=ja_JP.UTF-8 LANGUAGE= "$dest$prefix/bin/daicho" help | grep -q "コマンド" ||
      fail "the installed daicho does not speak Japanese under ja_JP.UTF-8"
  else
    echo "SKIP: no ja_JP.UTF-8 locale; the installed catalogue was not tried" >&2
  fi
  # A program using the library through pkg-config: it creates a register.
  cat >"$TEST_DIR/use.c" <<'C'
#include <daicho.h>
#include <stdio.h>
int main (int argc, char **argv)
{
  GError *error = NULL;
  DcStore *store = dc_store_open (argv[1], DC_STORE_OPEN_CREATE, &error);
  if (!store) { fprintf (stderr, "%s\n", error->message); return 1; }
  printf ("schema %d\n", dc_store_schema_version ());
  dc_store_free (store);
  return argc == 2 ? 0 : 2;
}
C
  local sanitize=
  [ "$(basename "$(dirname "$DAICHO")")" = build-san ] && sanitize="-fsanitize=address,undefined"
  # The .pc file names the prefix it was installed for: a copy names DESTDIR's.
  local flags
  mkdir -p "$TEST_DIR/pc"
  sed "s|^prefix=.*|prefix=$dest$prefix|" "$dest$prefix/lib/pkgconfig/daicho.pc" >"$TEST_DIR/pc/daicho.pc"
  flags=$(PKG_CONFIG_PATH=$TEST_DIR/pc pkg-config --cflags --libs daicho) || fail "pkg-config does not know daicho"
  grep -q -- "-I$dest$prefix/include/daicho" <<<"$flags" || fail "Cflags: $flags"
  # shellcheck disable=SC2086
  cc $sanitize -o "$TEST_DIR/use" "$TEST_DIR/use.c" $flags 2>"$TEST_DIR/cc.log" ||
    fail "cc against the installed library failed: $(head -n 5 "$TEST_DIR/cc.log")"
  [ -x "$TEST_DIR/use" ] && expect_eq "$("$TEST_DIR/use" "$TEST_DIR/x.db")" \
    "schema $("$DAICHO" --version | sed 's/.*schema \([0-9]*\).*/\1/')" "the program's output"
  [ -f "$TEST_DIR/x.db" ] || fail "the program did not create a register"
  make_here uninstall DESTDIR="$dest" PREFIX=$prefix
  expect_eq "$(find "$dest" -type f | wc -l)" 0 "files left after make uninstall"
}

test_installed_pc_names_prefix_and_libs() {
  local dest=$TEST_DIR/root
  make_here install DESTDIR="$dest"
  grep -qx "prefix=/usr/local" "$dest/usr/local/lib/pkgconfig/daicho.pc" || fail "daicho.pc: $(cat "$dest/usr/local/lib/pkgconfig/daicho.pc")"
  grep -qx "Libs: -L\${libdir} -ldaicho -lm" "$dest/usr/local/lib/pkgconfig/daicho.pc" ||
    grep -q "ldaicho" "$dest/usr/local/lib/pkgconfig/daicho.pc" || fail "daicho.pc lacks -ldaicho"
  MANWIDTH=80 man -l "$dest/usr/local/share/man/man1/daicho.1" 2>&1 | grep -q "daicho backup" ||
    fail "man -l does not render the installed page"
}
