#!/bin/sh
# Limits in characters, not bytes: covers takes 6, the note 2000 Chinese characters; more
# is refused as it is typed or pasted, said on the status line.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
visit_today wrong
note "limits in characters: covers takes 6, the note 2000 Chinese characters (6000 bytes); more is refused, said on the status line"
awk 'BEGIN { for (i = 0; i < 2005; i++) printf "记" }' > "$TMP/note"
screen <<KEYS
type wz
key ^V
type 12345678
snap covers full at 6 characters
key ^U
type 2
key Tab
type 300
key Tab Tab
paste $TMP/note
expect the field is full: it takes at most 2000 characters
key Enter
expect Enter a second table?
type y
KEYS
run visit list --date 2026-06-30 --format csv
check "the note stored is 2000 characters" \
	test "$(sqlite3 "$MAITRE_DB" "SELECT length(notes) FROM visit ORDER BY id DESC LIMIT 1")" = 2000
finish
