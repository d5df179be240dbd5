#!/bin/sh
# The merge view in Chinese at 80x24 (':合并 2' on the card): the labels, the columns, the keys
# and the question; the merge said in Chinese. The erase question, wider than 80 columns in
# Chinese, is read whole to its "(y/n)" (it rises over the hint bar).
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
( export LANGUAGE=zh_CN
screen <<'KEYS'
size 80 24
type 孙先生
key Enter
type :合并 2
key Enter
snap the two sheets in Chinese at 80x24
key Enter
expect 把客人 2 并入 1？
key n
key Esc
type :查重
key Enter
snap the duplicates in Chinese: none among these two
key Esc
key X
type 本人要求
key Enter
expect (y/n)
snap the erase question on two lines, its end kept
key n
expect 未删除任何信息
KEYS
)
finish
