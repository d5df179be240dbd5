#!/bin/sh
# Complaints in Chinese: the lists, a category typed in Chinese, a complaint.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_sun reopened
export MAITRE_NOW="2026-07-04 11:00:00"

note "in Chinese: the lists, a category typed in Chinese, a complaint"
( export LANGUAGE=zh_CN
screen <<'KEYS'
size 80 24
key :
type complaints all
key Enter
snap all complaints in Chinese
key c
type 等候时间
key Enter
snap the category typed in Chinese
key c
type 饭菜
key Enter
snap not a category: the choices in both languages
key Enter
snap a complaint in Chinese
KEYS
)
finish
