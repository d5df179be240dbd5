#!/bin/sh
# The frame: C1 controls (CSI U+009B) and bidirectional controls (U+202E, which would reverse
# the rest of the line) written into the file by another tool, in a name and an allergy, are
# drawn visibly (U+FFFD; ESC in caret notation) on the lookup and the card, never sent raw.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 'Evil Guy' --phone 13912345678 --allergy 花生 > /dev/null
sqlite3 "$MAITRE_DB" "UPDATE guest SET name = 'Evil' || char(27) || ']0;pwned' || char(7) || char(155) || '2J' || char(8238) || 'yuG' WHERE id = 1;
	UPDATE preference SET text = char(27) || '[8m' || '花生' || char(8238) || char(133) WHERE guest_id = 1"
screen <<'KEYS'
type evil
snap C1 and bidirectional controls drawn as U+FFFD
key Enter
snap the card too
KEYS
# no raw C1 control (UTF-8 C2 80..C2 9F) and no raw bidirectional control on any screen
raw=$(LC_ALL=C grep -c "$(printf '\302[\200-\237]\|\342\200[\216\217\252-\256]\|\342\201[\246-\251]\|\330\234')" "$OUT" || true)
check "no raw C1 or bidirectional control on the screens" test "$raw" = 0
finish
