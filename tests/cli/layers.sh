#!/bin/sh
# The command line does not depend on the interface: main.c passes the interface in (struct
# cli_interface), and nothing in src/cli includes a header of src/tui.
. "$TESTS_SRCDIR/cli/lib.sh"
src="$TESTS_SRCDIR/../src"
grep -l '#include "tui/' "$src"/cli/*.c "$src"/cli/*.h > "$TMP/includes" || true
while read -r f; do note "includes src/tui: ${f#"$src"/}"; done < "$TMP/includes"
check "nothing in src/cli includes src/tui" test ! -s "$TMP/includes"
# who is at the terminal (src/session) is below both: it knows core, store and config only
grep -l '#include "\(tui\|cli\|export\|import\|demo\)/' "$src"/session/*.c "$src"/session/*.h \
	> "$TMP/session" || true
while read -r f; do note "includes a layer above: ${f#"$src"/}"; done < "$TMP/session"
check "src/session includes only core, store, config and session" test ! -s "$TMP/session"
finish
