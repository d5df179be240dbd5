#!/bin/sh
# A 4,000-character note pasted over a terminal arrives whole and at once (the field editor
# re-measured the whole text for every possible start column: minutes), its line breaks as
# spaces (a pasted line break never presses Enter), and the field stops at its limit, in
# characters a person counts, saying so.
. "$TESTS_SRCDIR/pty/lib.sh"
run init
# 4,000 characters: Chinese and Latin words, a line break every 20 characters, ending in END
awk 'BEGIN { for (i = 1; i < 200; i++) printf "测试文字abcde 测试文字abcde\n"
	printf "0123456789abcdef END" }' > "$TMP/paste"
start
wait_for "Find:"
keys C-n
wait_for "new guest"
text "孙先生"
keys C-n C-n C-n
wait_for "> looks"
paste "$TMP/paste"
# whole, however long a loaded machine or a sanitizer build takes (its speed is bench/paste's)
check "the paste shows whole" wait_for "END" 60
check "its line breaks pressed no Enter: still on the field" screen_has "> looks"
text "xyz"
check "the field is full at 4000 characters, and says so" \
	wait_for "the field is full: it takes at most 4000 characters" 30
keys C-s
check "saved" wait_for "added"
note "what was stored: characters, line breaks, the end"
sqlite3 "$MAITRE_DB" "SELECT length(looks), instr(looks, char(10)), substr(looks, -20) FROM guest" >> "$OUT"

note "pasted on the guest card, where no field takes text, it presses no keys (e would edit)"
wait_for "guest card"
printf 'e' > "$TMP/e"
paste "$TMP/e"
check "the paste is refused, said so" wait_for "pasted text ignored: no field has the focus"
check "still on the card" screen_has "guest card"
keys e
check "the key e typed still edits" wait_for "edit guest"
finish
