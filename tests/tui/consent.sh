#!/bin/sh
# Consent to be kept (domain.md §9): the card says "not recorded" when it is missing, at the
# end, plainly, the safety block untouched; the profile form's last group takes the day and the
# channel (a closed choice, cycled or typed); saved both, the card says them. A day in the
# future is refused beside its row. The dashboard shows how many guests are due for
# anonymising when privacy.retain_years is on.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --phone 13900001111 --allergy 花生:critical > /dev/null
screen <<'KEYS'
type sxs
key Enter
expect consent
snap the card: consent not recorded, below the rest
key e
key ^N ^N ^N ^N ^N ^N
type 2026-07-01
key Down
expect is in the future
snap the form's last group: a day in the future refused beside it
key Up ^U
type 2026-06-01
key Down
type 微信
snap the channel typed
key ^S
expect 2026-06-01, WeChat
snap saved: the card says it
KEYS
run guest show 1
mkdir -p "$XDG_CONFIG_HOME/maitre"
printf 'privacy:\n  retain_years: 5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
note "the back office: 1 guest due (no visit in five years on 2031-07-01)"
MAITRE_NOW='2031-07-01 10:00:00' screen <<'KEYS'
key F4
expect due for anonymising
snap the dashboard's line
KEYS
finish
