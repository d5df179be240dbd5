#!/bin/sh
# Complaints (domain.md §6): the lists open, overdue, mine and all, filtered by category and
# severity, an overdue complaint in the overdue style with "!" and how late; logging one from
# the guest card in two keys (a refused field, a locked database); a complaint taken through
# acknowledge, the recovery steps, resolve with compensation, the follow-up call, close and
# reopen, with its timeline.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
note "an empty database"
screen <<'KEYS'
key F7
snap no open complaints
key a
snap none at all: where to log one
KEYS
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --allergy 花生:critical \
	--taboo 猪肉:high > /dev/null
"$MAITRE" guest add --name 王总 --family-name 王 --phone 13800001111 > /dev/null
"$MAITRE" guest add --name 'Mr. Whitfield' --phone 13700002222 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-12 --meal dinner --covers 4 --spend 880 > /dev/null
"$MAITRE" visit add 1 --date 2026-06-28 --meal lunch --covers 2 --spend 360 > /dev/null
# 王总 waited at lunch today and nobody has acknowledged it (due 12:00)
MAITRE_NOW="2026-06-30 10:00:00" "$MAITRE" complaint add 2 --category waiting_time \
	--severity medium --text '等了四十分钟才上菜' > /dev/null
# Mr. Whitfield's, lina's: acknowledged on the 28th, not resolved by the 30th 12:00
MAITRE_NOW="2026-06-28 12:00:00" "$MAITRE" complaint add 3 --category food --severity high \
	--text 'cold soup, twice' --owner lina > /dev/null
MAITRE_NOW="2026-06-28 12:30:00" "$MAITRE" complaint ack 2 > /dev/null
# an old one of 王总's, closed
MAITRE_NOW="2026-06-01 20:00:00" "$MAITRE" complaint add 2 --category price --severity low \
	--text '酒水价格不清楚' > /dev/null
MAITRE_NOW="2026-06-01 20:30:00" "$MAITRE" complaint ack 3 > /dev/null
MAITRE_NOW="2026-06-01 21:00:00" "$MAITRE" complaint resolve 3 --resolution '送果盘' > /dev/null
MAITRE_NOW="2026-06-03 10:00:00" "$MAITRE" complaint followup 3 --verdict satisfied \
	--note '说下次还来' > /dev/null
MAITRE_NOW="2026-06-03 10:05:00" "$MAITRE" complaint close 3 > /dev/null

note "logging a complaint from the card: C, the text, Enter"
screen <<'KEYS'
type sxs
key Enter
expect 花生
key C
snap the form: other, medium, the last visit, the owner; the safety block on top
key Enter
snap nothing typed: not logged, the field says why
type 汤里有头发
key Tab ^U
type 99
key Tab
snap visit 99 is not one of his: refused as it is left
key BTab ^U
type 1
key BTab BTab BTab Space Space
snap category: Space changes it
key Tab h
key Tab
busy 200
lock
key Enter
snap the database is locked: everything typed is kept
unlock
key Enter
snap logged: the card shows it among the open complaints
KEYS
run complaint list --format tsv

note "Esc asks before dropping what was typed"
screen <<'KEYS'
type wz
key Enter C
type 服务员态度差
key Esc
expect Leave without logging this complaint?
type n
expect 服务员态度差
key Esc
type y
snap back on the card, nothing logged
KEYS

note "the lists: open (overdue ones marked), overdue, mine, all; filters; by name"
screen <<'KEYS'
key F7
snap open: two overdue, marked with !
key End
attr ! ack 7h 5m late
attr ! resolve 7h 5m late
key d
snap overdue only
key m
snap mine: the ones I own that are not closed
key a
snap all, the closed one too
key l
snap l goes round to open again
key c
type soup
key Enter
snap a category that is not one: refused with the choices
key c
type waiting-time
key Enter
snap only waiting time
key c
key Enter
key s
type high
key Enter
snap only high
key s
key Enter
size 80 24
expect acknowledged lina   ! resolve 7h 5m late
snap at the smallest size: the status and the deadline whole, the logged column gives way
key :
type complaints all category price
key Enter
snap by name: all of category price
key :
type complaints late
key Enter
snap a word the screen does not know
KEYS

note "the clock moves on: 孙先生's complaint is past its acknowledge and resolve deadlines"
export MAITRE_NOW="2026-07-02 22:00:00"
screen <<'KEYS'
key F7
snap the new one overdue: resolve, with how late
key :
type complaints overdue severity high
key Enter
snap overdue and high
KEYS
export MAITRE_NOW="2026-06-30 19:05:00"

note "a complaint's recovery over four days: acknowledged and steps ticked on the evening"
export MAITRE_NOW="2026-06-30 19:20:00"
screen <<'KEYS'
key F7 End Enter
snap the complaint: guest, safety block, steps, deadlines, timeline
key f
snap a move the status does not allow: refused with the reason
key a
type 已向客人道歉，马上处理
key Enter
snap acknowledged: resolve now in the hints
key 1 2 3
key 2
snap steps 1 and 3 ticked, 2 ticked and unticked
KEYS
note "resolved two days later, past the resolve deadline"
export MAITRE_NOW="2026-07-02 21:00:00"
screen <<'KEYS'
key F7 End Enter
snap overdue: the head says which deadline and how late
attr ! OVERDUE
size 80 24
expect 1h 55m late
snap at 80x24 the status is wrapped: how late is not cut
size 100 30
key r
key Enter
snap a resolution is required
type 重做一碗汤，经理致歉
key Enter
type abc
key Enter
snap compensation abc: refused with the reason, asked again
key ^U
type ¥120
key Enter
snap resolved with ¥120 compensation, late
KEYS
note "the follow-up call, closing, and the guest calling back"
export MAITRE_NOW="2026-07-04 11:00:00"
screen <<'KEYS'
key F7 End Enter
key f
type maybe
key Enter
snap a verdict that is not one
key ^U
type satisfied
key Enter
key Enter
snap the call needs a note
type 客人表示满意
key Enter
snap followed up: step 5 ticked, close now in the hints
key C
expect Close this complaint?
type y
snap closed: only reopen remains
key 4
snap a closed complaint's steps stay as they are
key R
type 客人又来电话说还是不满意
key Enter
snap reopened: a new round, the compensation kept
key End
snap the timeline: every change with who and when
size 80 24
snap at the smallest size
key o
snap the guest's card from the complaint
KEYS
run complaint show 4

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
