#!/bin/sh
# Entering a visit from the lookup and from the card: today and dinner after 15:00 by
# default, the safety block on top, spend per head as it is typed, a wrong field named, Enter
# saves and goes back.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/visit_data.sh"
"$MAITRE" init > /dev/null
visit_guests
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
KEYS
finish
