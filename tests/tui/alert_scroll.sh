#!/bin/sh
# Alert guests: a list longer than the screen, read a window at a time — End, Home and pages
# past what either read, back from an alert on the same line, the cursor when another terminal
# closes the alert under it, and paging one light only.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/alert_data.sh"
"$MAITRE" init > /dev/null
alert_guests
alert_june
alert_crowd
note "a list longer than the screen, read a window at a time: 150 more guests, every third red"
screen <<'KEYS'
size 80 24
key F6
snap the first screen: red first
key End
snap the end: the last yellow
key PgUp PgUp PgUp PgUp
snap four pages up, past the start of what End read
key Home
key PgDn PgDn PgDn PgDn
snap four pages down, past the end of what Home read
key Down Down
expect >● YELLOW 客035
key Enter
expect alert 37 · 客035
key Esc
snap back on the same line
run "$MAITRE" alert close 37 --outcome 来过了 > /dev/null
tick
snap another terminal closed it: the cursor on the one that took its place
type l
key End
expect >●● RED   客150
type l
key End
key PgUp PgUp PgUp PgUp
snap yellow only: four pages up from the end
KEYS
finish
