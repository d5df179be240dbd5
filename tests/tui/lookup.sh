#!/bin/sh
# The lookup screen: results at every keystroke, by Chinese characters, pinyin, initials,
# phone digits and Latin names; safety marks on each line and in full for the selected guest.
. "$TESTS_SRCDIR/tui/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 --family-name 孙 --given-name 建国 --phone 13912345678 \
	--taboo 猪肉 --allergy 花生:critical --employer 亳州市永盛信息科技有限公司 > /dev/null
"$MAITRE" guest add --name 孙主任 --family-name 孙 --phone 13800005678 --employer 亳州市财政局 > /dev/null
"$MAITRE" guest add --name 曾总 --family-name 曾 --phone 0558-5552222 --allergy 虾:high > /dev/null
"$MAITRE" guest add --name "Zoë O'Brien" --phone '+44 20 7946 0958' --employer 'Acme Ltd' > /dev/null
"$MAITRE" guest add --name 孙总 --family-name 孙 --phone 13700001234 --allergy 香菜:low --taboo 猪肉 \
	--person son:小强 --person-pref 小强:allergy:花生:critical > /dev/null
"$MAITRE" visit add 1 --date 2026-06-20 --meal dinner --covers 4 --spend 1280 > /dev/null
screen <<'KEYS'
snap the first screen
type 孙
snap one character: all three 孙 guests, the one who came lately first (selected), then by id
key Down
snap the second selected: no allergy or taboo
key Down
snap the third: his son's critical allergy first; too long for the column, the taboo still shows
key Up Up
attr !! ALLERGY
attr ✕ TABOO
attr 孙主任
key ^U
type sxs
snap initials
key ^U
type zengzong
snap pinyin of a polyphonic surname
key ^U
type 5678
snap the last four digits of a phone
key ^U
type obrien
snap a Latin name without the apostrophe
key ^U
type xyz
snap nothing found
KEYS
note "each line shows the last four digits of a phone: the one a query of digits matched"
"$MAITRE" guest add --name 孙先生 --phone 13600001111 --phone 0558-5550002 > /dev/null
"$MAITRE" guest add --name 孙先生 --phone 13600002222 > /dev/null
"$MAITRE" guest add --name 孙先生 --phone 13600003333 > /dev/null
screen <<'KEYS'
type 孙先生
snap four 孙先生 told apart by their phones
key ^U
type 0558-555000
snap the landline matched, not the first phone
key ^U
type +86 136 0000 2222
snap a number written with the country code
KEYS
note "a taller terminal holds more than 20 results a page"
i=0
while [ $i -lt 40 ]; do
	"$MAITRE" guest add --name "李$i" --phone "1370000$((1000 + i))" > /dev/null
	i=$((i + 1))
done
screen <<'KEYS'
size 160 48
type 李
snap 38 results on the page of a 160x48 terminal
key PgDn
snap the last two on the next page
KEYS
note "no colours (NO_COLOR): allergies and taboos still stand out, each its own way"
( export NO_COLOR=1 MAITRE_THEME=default
screen <<'KEYS'
type 孙
attr !! ALLERGY
attr ✕ TABOO
attr 孙主任
KEYS
)
note "the default theme in colour"
( export MAITRE_THEME=default
screen <<'KEYS'
type 孙
attr !! ALLERGY
attr ✕ TABOO
KEYS
)
note "at 80x24 the tips are wrapped, not cut"
screen <<'KEYS'
size 80 24
expect initials (sxs), the last digits of a phone number (5678), or three
expect F4 the dashboard.
snap the first screen at the smallest size
KEYS
finish
