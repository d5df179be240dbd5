#!/bin/sh
# Every string of the interface and of the command line's messages goes through gettext and
# po/zh_CN.po translates all of them: the strings are extracted from the sources afresh (the
# files of 'make update-po': src/tui, src/core, src/export, src/cli, src/demo, src/import, src/session) and
# none may lack a translation.
. "$TESTS_SRCDIR/tui/lib.sh"
src="$TESTS_SRCDIR/../src/tui"
po="$TESTS_SRCDIR/../po/zh_CN.po"
# the keywords of 'make update-po' (Makefile.am), so that the two extractions cannot drift
# shellcheck disable=SC2086
xgettext --from-code=UTF-8 ${XGETTEXT_KEYWORDS:?set by make check} -o "$TMP/maitre.pot" "$src"/*.c "$src"/*.h "$src"/../core/*.c "$src"/../core/*.h "$src"/../export/*.c "$src"/../cli/*.c "$src"/../demo/*.c "$src"/../import/*.c "$src"/../session/*.c
msgmerge -q --no-fuzzy-matching -o "$TMP/merged.po" "$po" "$TMP/maitre.pot"
check "the catalogue compiles, formats checked" msgfmt --check -o /dev/null "$po"
check "strings in the sources" test "$(grep -c '^msgid "..*"' "$TMP/maitre.pot")" -gt 150
# the entries after the header (the catalogue's first entry, up to its blank line), without
# comments: a msgid wrapped over lines begins with msgid "" and counts too
entries() { sed '1,/^$/d' | grep -v '^#' | grep -v '^$' || true; }
msgattrib --untranslated --no-obsolete "$TMP/merged.po" | entries > "$TMP/untranslated"
msgattrib --only-fuzzy --no-obsolete "$TMP/merged.po" | entries > "$TMP/fuzzy"
check "no string without a translation" test ! -s "$TMP/untranslated"
check "no fuzzy translation" test ! -s "$TMP/fuzzy"
cat "$TMP/untranslated" "$TMP/fuzzy" >> "$OUT"
finish
