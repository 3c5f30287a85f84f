#!/bin/sh
# Writes the GResource manifest of the data embedded in daicho: SQL
# migrations and preset schemes, so the binary needs no install path.
set -eu
echo '<?xml version="1.0" encoding="UTF-8"?>'
echo '<gresources><gresource prefix="/daicho">'
for f in "$@"; do
  echo "  <file>$f</file>"
done
echo '</gresource></gresources>'
