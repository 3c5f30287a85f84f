#!/bin/sh
# Extracts the marked messages of SOURCES into the template POT (stdout):
#   tools/make-pot.sh SOURCE... > po/daicho.pot
# The keywords are the macros of lib/base/dc-i18n.h.
set -eu
exec xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=dc_ngettext:1,2 \
  --package-name=daicho --package-version=0.1.0 --msgid-bugs-address= \
  --sort-by-file --output=- "$@"
