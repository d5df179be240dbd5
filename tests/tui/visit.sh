#!/bin/sh
# Entering a visit from the lookup and from the card (today and dinner after 15:00 by default,
# spend per head as it is typed, Enter saves and goes back); today's visits, corrected and
# voided with a reason.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --allergy 花生:critical > /dev/null
"$MAITRE" guest add --name 王总 --family-name 王 --phone 13800001111 > /dev/null
screen <<'KEYS'
type sxs
key ^V
snap the visit form: today, dinner, the safety block on top
type 0
key Tab
type 1,280
key Enter
snap covers 0: not saved, the field named
key ^U
type 4
snap per head as typed
key Tab Tab
type 牡丹厅
key Enter
snap saved: back at the lookup with the message
key ^U
type wz
key Enter v
type 2
key Tab
type 300
key BTab BTab Space
key Enter
snap from the card: a lunch
key F3
snap today's visits
key e
snap correcting the first visit: its figures are filled in
key Tab ^U
type 380
key Enter
snap corrected: the old one voided, the new one there
key Down Down
key D
type 点错了客人
key Enter
expect Void it?
type y
snap voided with its reason
KEYS
run visit list --date 2026-06-30
note "a visit being typed is not dropped by Esc unasked"
screen <<'KEYS'
type wz
key ^V
type 6
key Esc
expect Leave without saving this visit?
type n
snap kept
key Esc
type y
snap left
KEYS
note "correcting a visit of ¥520.50 without touching the spend keeps ¥520.50"
"$MAITRE" visit add 2 --date 2026-06-30 --meal dinner --covers 3 --spend 520.5 > /dev/null
screen <<'KEYS'
key F3 End
expect 520.50
key e
expect 520.50
key ^U
type 4
key Enter
snap corrected: 4 covers, still 520.50
KEYS
run visit list --date 2026-06-30
note "another day's visits by name on the ':' line; a day that is not one is refused"
"$MAITRE" visit add 1 --date 2026-06-12 --meal lunch --covers 2 --spend 388 > /dev/null
screen <<'KEYS'
key :
type today 2026-06-12
key Enter
snap the visits of 12 June
key :
type today 6月
key Enter
snap refused, still on 12 June
key F3
snap F3: today's visits again
KEYS
note "the visit form refuses a day in the future, before the opening date, or not a day; covers in full-width digits"
screen <<'KEYS'
type wz
key ^V
type ８
key Tab
type 1000
key BTab BTab BTab
key ^U
type 2026-07-01
key Tab
snap a visit tomorrow: refused as the date is left
key BTab ^U
type 2025-06-01
key Enter
snap before the opening date (a year back): not saved, the reason said
key ^U
type 2026-02-30
key Tab
expect "2026-02-30" is not a date
KEYS
note "a second visit of the same guest, date and meal asks first: n keeps the form, y saves it"
screen <<'KEYS'
type wz
key ^V
type 5
key Tab
type 600
key Enter
expect Enter a second table?
snap asked: the same dinner on the same day
type n
snap not saved, the form kept
key Enter
expect Enter a second table?
type y
snap saved as a second table
KEYS
run visit list --date 2026-06-30
note "voiding: an empty Enter keeps the prompt open (what is typed next is the reason, not commands); the code is shown in the viewer's language"
screen <<'KEYS'
key F3 End
key D
key Enter
snap an empty reason: the prompt stays, saying why
type q
snap q is typed into the reason, not a quit
key ^U
type 2 坐错桌
key Enter
expect Void it?
type y
snap voided: wrong guest, and the words
KEYS
( export LANGUAGE=zh_CN
screen <<'KEYS'
key F3 End
snap in Chinese: the reason's code in Chinese, the words as typed
KEYS
)
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
