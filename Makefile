# daicho: `make demo` and `make check` install what is missing (as root),
# build, and run. SANITIZE=1 builds with ASan+UBSan into build-san/.

CC      ?= cc
PKGS    := glib-2.0 gio-2.0 sqlite3 libpq libxml-2.0 minizip xlsxwriter
BUILD   := build$(if $(SANITIZE),-san)
ASAN_UBSAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SANFLAGS := $(if $(SANITIZE),$(ASAN_UBSAN))

CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-unused-parameter $(SANFLAGS)
CPPFLAGS += -DDAICHO_VERSION=\"0.1.0\" -I$(BUILD) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDFLAGS += $(SANFLAGS)

# lib/ is in areas (lib/store, lib/readers, ...; docs/design.md). The layers
# cli -> reports -> lib are enforced by include paths: lib sees only lib/,
# reports sees lib/ and reports/, cli sees all three; an include against the
# layering does not compile (tests/cli/test-layers.sh shows it).
LAYER_lib     := -Ilib
LAYER_reports := -Ilib -Ireports
LAYER_cli     := -Ilib -Ireports -Icli
LAYER_tests   := -Ilib -Ireports -Icli
LIB_SRC   := $(wildcard lib/*/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/dc-resources.o
REP_SRC   := $(wildcard reports/*.c)
REP_OBJ   := $(REP_SRC:%.c=$(BUILD)/%.o)
CLI_SRC   := $(wildcard cli/*.c)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC  := $(wildcard tests/unit/test-*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
RESOURCES := $(sort $(wildcard schema/migrations/*.sql)) $(sort $(wildcard schema/postgresql/*.sql)) \
             $(sort $(wildcard schema/access/*.sql)) \
             $(sort $(wildcard schema/schemes/*.ini)) \
             $(sort $(wildcard schema/profiles/*.ini)) \
             $(sort $(wildcard schema/duties/*.ini)) \
             $(sort $(wildcard schema/threats/*.ini)) \
             $(sort $(wildcard schema/*.xsd))

DAICHO  := $(BUILD)/daicho

.PHONY: all deps compile tests demo check test-report clean
# The entry points install missing packages first, then run make again, so
# that pkg-config is asked only once the -dev packages are there.
all: deps
	@$(MAKE) --no-print-directory compile

deps:
	@tools/install-deps.sh

compile: $(DAICHO) $(if $(SANITIZE),,daicho)

tests: $(TEST_BIN)

daicho: $(DAICHO)
	cp $< $@

$(BUILD)/libdaicho.a: $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/libdaicho-reports.a: $(REP_OBJ)
	$(AR) rcs $@ $^

LIBS := $(BUILD)/libdaicho-reports.a $(BUILD)/libdaicho.a

$(DAICHO): $(CLI_OBJ) $(LIBS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c $(BUILD)/dc-resources.h | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(LAYER_$(firstword $(subst /, ,$<))) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/daicho.gresource.xml: tools/gen-resources.sh $(RESOURCES) | $(BUILD)
	tools/gen-resources.sh $(RESOURCES) > $@

$(BUILD)/dc-resources.c: $(BUILD)/daicho.gresource.xml $(RESOURCES)
	glib-compile-resources --sourcedir=. --generate-source --c-name dc_resources --target=$@ $<

$(BUILD)/dc-resources.h: $(BUILD)/daicho.gresource.xml
	glib-compile-resources --sourcedir=. --generate-header --c-name dc_resources --target=$@ $<

$(BUILD)/dc-resources.o: $(BUILD)/dc-resources.c
	$(CC) $(CPPFLAGS) $(filter-out -Wshadow,$(CFLAGS)) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testlib.h $(LIBS) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(LAYER_tests) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(LIBS) $(LDFLAGS) $(LDLIBS) -lcunit

$(BUILD):
	mkdir -p $@

# `make -s layer-flags L=lib|reports|cli`: the preprocessor flags one layer is
# built with (tests/cli/test-layers.sh compiles throw-away sources with them).
.PHONY: layer-flags
layer-flags:
	@echo $(LAYER_$(L)) $(CPPFLAGS)

# Messages (docs/design.md "Messages and translations"): po/LANG.po compiled
# into $(BUILD)/locale, where the uninstalled daicho finds them; an installed
# one reads $(LOCALEDIR). `make update-po` merges new messages into po/*.po.
PREFIX    ?= /usr/local
LOCALEDIR ?= $(PREFIX)/share/locale
LINGUAS   := ja
PO_SOURCES = $(sort $(CLI_SRC) $(LIB_SRC) $(REP_SRC))
MO_FILES  := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/daicho.mo)
CPPFLAGS  += -DLOCALEDIR=\"$(LOCALEDIR)\"

.PHONY: update-po install-locale
compile: $(MO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/daicho.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

po/daicho.pot: tools/make-pot.sh $(PO_SOURCES)
	tools/make-pot.sh $(PO_SOURCES) > $@

update-po: po/daicho.pot
	for l in $(LINGUAS); do msgmerge --quiet --update --backup=none po/$$l.po po/daicho.pot; done

install-locale: $(MO_FILES)
	for l in $(LINGUAS); do \
	  install -D -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/daicho.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/daicho.mo; done

# The main job on the bundled fixtures, in a throw-away register.
# DB=postgresql: the register on a throw-away PostgreSQL cluster, used by an
# admin, an editor and an auditor with logins of their own.
demo:
	@tools/install-deps.sh --demo
	@$(if $(filter postgresql,$(DB)),tools/install-deps.sh postgresql-15 postgresql-common)
	@$(MAKE) --no-print-directory compile
	$(if $(filter postgresql,$(DB)),tests/demo-postgresql.sh,tests/demo.sh) $(DAICHO)

# Every CUnit suite and every end-to-end test; the last line is "N passed, N failed".
# VALGRIND=1 runs the end-to-end tests under valgrind memcheck (slow).
# DB=postgresql runs the end-to-end tests, and the CUnit suites marked
# "engines: both", on registers on a throw-away PostgreSQL cluster
# (pg_virtualenv) instead of files.
DB ?= sqlite
check:
	@tools/install-deps.sh --test
	@$(if $(VALGRIND),tools/install-deps.sh valgrind)
	@$(MAKE) --no-print-directory compile tests
	DAICHO_ROOT=$(CURDIR) VALGRIND=$(VALGRIND) DAICHO_TEST_ENGINE=$(DB) tests/run-tests.sh $(BUILD) $(DAICHO)

# 試験成績書: the test files that carry the test plan's case IDs
# (docs/ja/試験計画書.md), then the report in Markdown and xlsx in
# $(BUILD)/test-report/, with their SHA-256 printed (tests/report.sh).
test-report:
	@tools/install-deps.sh --test
	@tools/install-deps.sh python3-openpyxl  # the xlsx report
	@$(MAKE) --no-print-directory compile tests
	tests/report.sh $(BUILD) $(DAICHO)

clean:
	rm -rf build build-san daicho

-include $(LIB_OBJ:.o=.d) $(REP_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# libFuzzer harnesses of the readers and the review import (tests/fuzz/fuzz-*.c), built with clang
# into build/fuzz/ and run FUZZ_SECONDS each; installs clang when root.
FUZZ_SECONDS ?= 60
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_FLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
# The whole library (and its embedded schemes) built once for them; each
# harness takes from the archive what it uses.
FUZZ_OBJ   := $(LIB_SRC:lib/%.c=build/fuzz/obj/%.o) build/fuzz/obj/dc-resources.o

.PHONY: fuzz fuzz-build
fuzz:
	@tools/install-deps.sh clang libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes
	@$(MAKE) --no-print-directory deps fuzz-build
	tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-build: $(FUZZ_NAMES:%=build/fuzz/fuzz-%)

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/*.h build/fuzz/libdaicho.a
	clang $(FUZZ_FLAGS) $(LAYER_lib) $(CPPFLAGS) -DDAICHO_SOURCE_DIR=\"$(CURDIR)\" -o $@ $< build/fuzz/libdaicho.a $(LDLIBS)

build/fuzz/libdaicho.a: $(FUZZ_OBJ)
	$(AR) rcs $@ $^

build/fuzz/obj/%.o: lib/%.c $(wildcard lib/*/*.h) $(BUILD)/dc-resources.h
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) $(LAYER_lib) $(CPPFLAGS) -c -o $@ $<

build/fuzz/obj/dc-resources.o: $(BUILD)/dc-resources.c
	@mkdir -p build/fuzz/obj
	clang $(FUZZ_FLAGS) $(CPPFLAGS) -c -o $@ $<

# Benchmarks against the tools people would otherwise use (tests/bench/case-*.sh):
# `make bench [BENCH="list ledger"] [BENCH_RUNS=N]`. Generated data is kept in
# build/bench/data; results go to build/bench/results.txt and .json. Not part of check.
BENCH_TOOLS := $(addprefix build/bench/,measure xlsx-baseline table-read)

.PHONY: bench bench-build
bench:
	@tools/install-deps.sh python3 python3-openpyxl python3-pandas time  # the baselines
	@$(MAKE) --no-print-directory deps
	@$(MAKE) --no-print-directory SANITIZE= compile bench-build
	tests/bench/run.sh build build/daicho $(BENCH)

bench-build: $(BENCH_TOOLS)

build/bench/measure: tests/bench/measure.c
	@mkdir -p build/bench
	$(CC) -O2 -Wall -Wextra -Werror -o $@ $<

build/bench/xlsx-baseline: tests/bench/xlsx-baseline.c
	@mkdir -p build/bench
	$(CC) -O2 -Wall -Wextra -Werror $(shell pkg-config --cflags xlsxwriter 2>/dev/null) -o $@ $< \
	  $(shell pkg-config --libs xlsxwriter 2>/dev/null)

build/bench/table-read: tests/bench/table-read.c $(LIBS)
	@mkdir -p build/bench
	$(CC) $(LAYER_lib) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS) $(LDLIBS)

# The man page from docs/daicho.1.in and the binary's own help (commit the result).
.PHONY: man
man: compile
	tools/gen-man.py $(DAICHO) docs/daicho.1.in > docs/daicho.1.tmp && mv docs/daicho.1.tmp docs/daicho.1

# `make install [PREFIX=/usr/local] [DESTDIR=...]`: the command, the library
# (static libdaicho.a) with its headers and pkg-config file, the man page and
# the bash completion. `make uninstall` removes exactly these files.
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
# The public headers: daicho.h and what it includes, kept in their areas
# (daicho/store/dc-store.h). The private ones are not installed: the zip
# reader, the _() macros, era tables, the keyfile helpers, the engine seam,
# dc-record's own.
LIB_PRIVATE_HEADERS := lib/base/dc-era.h lib/base/dc-i18n.h lib/base/dc-keyfile.h lib/readers/dc-zip.h \
                       lib/store/dc-engine.h lib/store/dc-postgresql-guard.h lib/store/dc-postgresql-private.h \
                       lib/model/dc-record-private.h
LIB_HEADERS := daicho.h $(patsubst lib/%,%,$(filter-out $(LIB_PRIVATE_HEADERS),$(wildcard lib/*/*.h)))
INSTALLED  := $(BINDIR)/daicho $(LIBDIR)/libdaicho.a $(LIBDIR)/pkgconfig/daicho.pc \
              $(MANDIR)/man1/daicho.1 $(COMPLETIONDIR)/daicho $(LIB_HEADERS:%=$(INCLUDEDIR)/daicho/%) \
              $(LINGUAS:%=$(LOCALEDIR)/%/LC_MESSAGES/daicho.mo)

.PHONY: install uninstall
install: compile install-locale
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/daicho \
	  $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 $(DAICHO) $(DESTDIR)$(BINDIR)/daicho
	install -m 644 $(BUILD)/libdaicho.a $(DESTDIR)$(LIBDIR)/libdaicho.a
	for h in $(LIB_HEADERS); do install -D -m 644 lib/$$h $(DESTDIR)$(INCLUDEDIR)/daicho/$$h; done
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	  -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	  -e 's|@VERSION@|0.1.0|; s|@REQUIRES@|$(PKGS:xlsxwriter=)|' tools/daicho.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/daicho.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/daicho.pc
	install -m 644 docs/daicho.1 $(DESTDIR)$(MANDIR)/man1/daicho.1
	install -m 644 completion/daicho.bash $(DESTDIR)$(COMPLETIONDIR)/daicho

uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)
	-rmdir $(sort $(dir $(LIB_HEADERS:%=$(DESTDIR)$(INCLUDEDIR)/daicho/%))) $(DESTDIR)$(INCLUDEDIR)/daicho
