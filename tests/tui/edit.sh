#!/bin/sh
# Editing a guest: a wrong field says which and why and keeps the form; a save the database
# refuses (locked) keeps everything typed and succeeds when tried again; a change made by
# someone else meanwhile shows both values before anything is overwritten; a new guest's
# form shows who they may already be.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13912345678 --employer 永盛信息 > /dev/null
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N Down
type 20
key Down
snap height 20: refused as it is left, the reason beside it
key ^S
expect Not saved: height cm
key ^U
type 175
key Down
busy 200
lock
key ^S
snap the database is locked: nothing lost
unlock
key ^S
snap saved: the card again
KEYS
run guest show 1
note "someone else changes the guest while the form is open: the same field, another field, an allergy and a note"
screen <<'KEYS'
type sxs
key Enter e
key Down Down Down Down
key ^U
type 永盛信息科技
run "$MAITRE" guest edit 1 --set employer=古井集团 --set position=总经理 --add-allergy 虾:critical --add-note "shrimp allergy, told by his wife" > /dev/null
key ^S
snap merged: their position, allergy and note kept, our employer over theirs, all said
key ^S
snap saved the merged guest
KEYS
run guest show 1
note "a new guest: search before create"
screen <<'KEYS'
type 139123
key ^N
snap the form opens with the phone; the guest with that phone is shown
key Down
type 孙
snap typing the name shows the match too
key Esc
expect Leave without saving
type y
KEYS
note "the phone typed finds who has it, whatever the name, in any form the number is written"
screen <<'KEYS'
type +86 139 1234 5678
key ^N
type 王女士
snap another name, the same phone: the guest who has the phone is shown
key Esc
expect Leave without saving
type y
KEYS
note "associated people with their own allergies and dates"
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N ^N ^N ^N ^N a
type driver 王师傅; waits in the car
key Enter
key ^P ^P ^P ^P ^P a
type driver · allergy: 花生 critical
key Enter
key ^N ^N ^N ^N a
type 王师傅 · birthday 1980-07-02
key Enter
snap the driver, his allergy and his birthday in the lists
key Down Down Down Enter ^U
type driver 王师傅; waits by the door
key Enter
snap the driver edited: his allergy and birthday are still his
key ^S
snap the card: the driver's allergy in the safety block, his birthday coming up
KEYS
note "nothing typed is thrown away unasked: F2, :lookup, Esc after a list edit"
screen <<'KEYS'
type sxs
key Enter e
key Down Down Down Down ^U
type 新单位
key F2
expect Leave without saving what you typed?
type n
snap F2 asked, n kept the form
key ^N ^N Down Down Enter ^U
type driver 王师傅 · allergy: 花生 low
key Enter
key Esc
expect Leave without saving what you typed?
type y
snap left, knowingly
KEYS
run guest show 1
note "two sons: a preference names which one"
"$MAITRE" guest edit 1 --add-person son:小明 --add-person son:小强 > /dev/null
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N a
type son · allergy: 虾 high
key Enter
snap ambiguous: said, nothing added
key a
type son 小强 · allergy: 虾 high
key Enter
key ^S
snap saved: the card names 小强 with the allergy
KEYS
note "in Chinese: a preference typed with Chinese words and full-width punctuation"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N Down ^U
type 20
key Down
snap a wrong value: the reason in Chinese
key Up ^U
type 175
key ^P
snap the preferences list, a section up
key a
type 过敏：芒果 危急
key Enter
snap the new allergy in the list, in the allergy style
attr 过敏: 芒果 危急
key a
type 爱好：书法
key Enter
snap an unknown kind: said, nothing added
key ^S
KEYS
)
run guest show 1
note "wrong values in the list editors: said, nothing added"
screen <<'KEYS'
type sxs
key Enter e ^N a
type 12
key Enter
expect phone: must have 7 to 20 digits
key ^N ^N ^N ^N ^N a
type birthday 13-40
key Enter
expect "13-40" is not a date
key a
type birthday 2026-02-30
key Enter
snap a day that does not exist: it is not a date
key a
type birthday 2030-05-12
key Enter
snap a birthday in the future: refused, as the command line refuses it
key ^N a
type ; notes only
key Enter
snap a person without a relation
key ^N a
type 这位客人每次来都会点同一道菜而且总是坐在靠窗的位子，这位客人每次来都会点同一道菜而且总是坐在靠窗的位子，这位客人每次来都会点同一道菜而且总是坐在靠窗的位子
key Enter
snap a tag over 60 characters: refused as it is typed, as the command line and the save refuse it
KEYS
note "the other terminal removes an allergy, adds a taboo and a tag while our form is open: the merge says each, the allergy first"
screen <<'KEYS'
type sxs
key Enter e
key Down Down Down Down Down
key ^U
type 副总经理
run "$MAITRE" guest edit 1 --remove-pref 虾 --add-taboo 猪肉:critical --add-tag 回头客 --set looks=戴眼镜 > /dev/null
key ^S
snap merged: the removed allergy, the taboo, the tag and the looks all said
expect removed allergy: 虾 critical
key ^S
KEYS
run guest show 1
finish
