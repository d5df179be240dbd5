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
finish
