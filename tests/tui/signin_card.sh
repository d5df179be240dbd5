#!/bin/sh
# What the card shows follows who is at the terminal: the shared login reads a guest's
# sensitive fields hidden; a manager signed in reads them on the same card; ^L (or the idle
# sign-out) hides them again at once, without leaving the card.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
MAITRE_PIN_FD=3 "$MAITRE" --as zhao guest edit 1 --set income=年薪百万 3< "$TMP/pin-zhao" > /dev/null
screen <<'KEYS'
type lm
key Enter
expect hidden — manager
key ^V
type zhao
key Enter
type 5678
key Enter
key Esc
snap a manager signed in: the card below reads the income
expect 年薪百万
key ^L
snap ^L: hidden again on the same card
expect hidden — manager
KEYS
finish
