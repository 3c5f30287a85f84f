# The layers cli -> reports -> lib are enforced by the build's include paths:
# a source in lib/ cannot include a header of reports/ or cli/, a source in
# reports/ cannot include one of cli/. Throw-away sources are compiled with the
# flags `make layer-flags` reports for each layer.
# Run: DAICHO=$PWD/build/daicho DAICHO_ROOT=$PWD bash tests/cli/harness.sh tests/cli/test-layers.sh

# compiles_in LAYER HEADER...: a source of LAYER that includes each HEADER compiles.
compiles_in() {
  local layer=$1; shift
  local flags h
  flags=$(make -s --no-print-directory -C "$DAICHO_ROOT" layer-flags L="$layer") || { fail "make layer-flags L=$layer"; return 1; }
  mkdir -p "$TEST_DIR/$layer"
  : >"$TEST_DIR/$layer/probe.c"
  for h in "$@"; do echo "#include \"$h\"" >>"$TEST_DIR/$layer/probe.c"; done
  echo "int dc_probe (void) { return 0; }" >>"$TEST_DIR/$layer/probe.c"
  # shellcheck disable=SC2086  # the flags are words
  (cd "$DAICHO_ROOT" && cc -fsyntax-only $flags "$TEST_DIR/$layer/probe.c") >"$TEST_DIR/cc.log" 2>&1
}

test_each_layer_sees_itself_and_below() {
  command -v cc >/dev/null || fail "no C compiler"
  compiles_in lib "daicho.h" "store/dc-store.h" "readers/dc-zip.h" ||
    fail "lib cannot include lib headers: $(head -n 3 "$TEST_DIR/cc.log")"
  compiles_in reports "dc-ledger.h" "store/dc-history.h" ||
    fail "reports cannot include reports and lib headers: $(head -n 3 "$TEST_DIR/cc.log")"
  compiles_in cli "cli.h" "dc-ledger.h" "daicho.h" ||
    fail "cli cannot include all three: $(head -n 3 "$TEST_DIR/cc.log")"
}

test_an_include_up_the_layers_does_not_compile() {
  compiles_in lib "store/dc-store.h" "dc-ledger.h" &&
    fail "a lib source including a reports header compiled"
  grep -q "dc-ledger.h" "$TEST_DIR/cc.log" || fail "the compiler did not name dc-ledger.h: $(cat "$TEST_DIR/cc.log")"
  compiles_in lib "cli.h" && fail "a lib source including a cli header compiled"
  compiles_in reports "dc-ledger.h" "json.h" && fail "a reports source including a cli header compiled"
  grep -q "json.h" "$TEST_DIR/cc.log" || fail "the compiler did not name json.h: $(cat "$TEST_DIR/cc.log")"
}
