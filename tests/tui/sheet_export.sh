#!/bin/sh
# The attendance sheet's CSV export: to a missing directory refused with the reason, to the
# default file, a file already there replaced only when the answer is yes; the same file as
# `maitre --format csv sheet`.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/sheet_data.sh"
export TMP
"$MAITRE" init > /dev/null
sheet_guests
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
