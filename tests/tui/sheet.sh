#!/bin/sh
# The monthly attendance sheet (domain.md §3): the guest column frozen at the left (Chinese
# names, two columns a character), the days scrolling sideways under it, two rows a guest
# (covers, spend), the month's figures and the tier frozen at the right; months of 31, 30 and
# 28 days; an empty database and a month without visits; filters by tier and by sales manager;
# the CSV export, the same file as `maitre --format csv sheet`.
. "$TESTS_SRCDIR/tui/lib.sh"
export TMP
"$MAITRE" init > /dev/null
screen <<'KEYS'
key F5
snap an empty database: this month's sheet
KEYS
# the handbook's worked examples (domain.md §3), put in May (31 days) and spread to its last day
"$MAITRE" guest add --name 1号 --sales-manager wang > /dev/null
"$MAITRE" guest add --name 2号 --sales-manager li > /dev/null
"$MAITRE" guest add --name 3号 --sales-manager wang > /dev/null
"$MAITRE" guest add --name 张先生 --sales-manager li --allergy 花生:critical --taboo 猪肉 > /dev/null
"$MAITRE" guest add --name 欧阳明月大酒店董事长 > /dev/null
v() { "$MAITRE" visit add "$1" --date "$2" --meal "$3" --covers "$4" --spend "$5" > /dev/null; }
v 1 2026-05-01 lunch 7 520
v 1 2026-05-01 dinner 16 1450
v 1 2026-05-12 dinner 12 870
v 1 2026-05-20 dinner 15 960
v 1 2026-05-31 dinner 14 1020
v 2 2026-05-03 dinner 12 980
v 2 2026-05-17 dinner 15 1050
v 2 2026-05-30 dinner 18 2150
v 3 2026-05-09 dinner 19 1680
v 3 2026-05-28 dinner 8 740
v 4 2026-05-02 lunch 8 460
v 4 2026-05-16 dinner 10 520
v 4 2026-05-25 dinner 6 340
v 5 2026-05-05 dinner 2 199.50
v 5 2026-05-31 lunch 3 12345
# February 2026: 28 days, a visit on the last one
v 4 2026-02-01 dinner 4 300
v 5 2026-02-28 dinner 6 880
"$MAITRE" tier recompute --month 2026-05 > /dev/null
screen <<'KEYS'
key :
type sheet 2026-05
key Enter
snap May: 31 days; the figures and tiers at the right
expect 4820
expect 4180
key Down
key Down
key Down
key Down
snap the cursor on the long Chinese name (cut whole, with …)
key L
snap a page of days on: the names stay, the figures stay
key L
key L
key L
snap the last days of May, up to the 31st
key Right
expect 31
key h
snap a day back
key Enter
expect 欧阳明月大酒店董事长
snap Enter: the guest's card
key Esc
size 80 24
snap at the smallest screen
KEYS
screen <<'KEYS'
key :
type sheet 2026-02
key Enter
key End
key L
key L
key L
key L
key L
snap February 2026: 28 days, the last is the 28th
key [
snap the month before: January, no visits
key ]
key ]
expect attendance sheet 2026-03
key :
type sheet bogus
key Enter
snap a bad argument says why
key :
type sheet 2026-13
key Enter
expect sheet: "2026-13" is not a month (YYYY-MM)
KEYS
screen <<'KEYS'
key :
type sheet 2026-05 manager wang
key Enter
snap wang's guests only
key f
key ^U
type tier C
key Enter
snap filter: tier C
key f
key ^U
type tier Z
key Enter
snap a tier the rules do not have
key f
key ^U
type 2026-04
key Enter
expect "2026-04": expected tier LETTER or manager LOGIN ([ ] change the month)
key c
snap the filter cleared
key f
key ^U
type manager nobody
key Enter
snap a sales manager of no guest: refused, the sheet unfiltered as it was
key f
key ^U
type tier B manager li
key Enter
expect No guest of this filter came this month
snap li has no guest of tier B this month
KEYS
# at 80x24: this month's sheet opens on the days that end with today (MAITRE_NOW: June 30th),
# not on the 1st; a tier letter alone is the filter by that tier, on the ':' line too
v 1 2026-06-29 dinner 5 400
screen <<'KEYS'
size 80 24
key F5
expect days 25–30 of 30
snap this month: the days up to today, the 30th
key [
key ]
expect days 25–30 of 30
key :
type sheet 2026-05
key Enter
key f
key ^U
type C
key Enter
expect tier C · days 1–6 of 31
snap C alone: the sheet of tier C
key :
type sheet c 2026-05
key Enter
expect tier C · days 1–6 of 31
KEYS
cd "$TMP" # the export's default file is written in the current directory
printf 'a file of someone else\n' > kept.csv
screen <<'KEYS'
key :
type sheet 2026-05 manager li
key Enter
key x
key ^U
type nodir/sheet.csv
key Enter
snap the export to a missing directory fails and says why
key x
key Enter
expect sheet written to sheet-2026-05.csv
snap exported to the default file
key x
key ^U
type kept.csv
key Enter
expect kept.csv is already there. Replace it? (y/n)
snap a file already there: asked before it is replaced
key n
run printf 'an older export\n' > sheet-2026-05.csv
key x
key Enter
key y
expect sheet written to sheet-2026-05.csv
snap replaced when the answer is yes
run cat sheet-2026-05.csv; rm sheet-2026-05.csv
KEYS
echo "# the answer no left the other file as it was" >> "$OUT"
cat kept.csv >> "$OUT"
run --format csv sheet --month 2026-05 --sales-manager li
finish
