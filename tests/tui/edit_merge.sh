#!/bin/sh
# Editing a guest: a change made by someone else meanwhile is merged with ours before anything
# is overwritten, and the form says each of their changes and which value of ours won.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest measured
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
edit_guest mango merged
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
