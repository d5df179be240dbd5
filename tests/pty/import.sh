#!/bin/sh
# maitre import on a terminal shows its progress (rows, rows/s, time left) on one line that
# messages never run into: a refused row's message takes the line, and the progress comes
# back below it.
. "$TESTS_SRCDIR/pty/lib.sh"
run init
# 8,000 guests, two refused rows late in the file (no name; a phone of two digits)
awk 'BEGIN {
	print "称呼,手机"
	for (i = 1; i <= 8000; i++) {
		if (i == 6000) print ",13900000000"
		else if (i == 7000) print "赵先生,12"
		else printf "客人%d,13%09d\n", i, i
	}
}' > "$TMP/big.csv"
cat > "$TMP/imp.sh" <<EOS
cd '$TMP' && '$MAITRE' import guests --skip-bad big.csv
echo \$? > '$TMP/rc.tmp' && mv '$TMP/rc.tmp' '$TMP/rc'
sleep 60
EOS
tm new-session -d -s t -x 100 -y 30 "sh '$TMP/imp.sh'"
wait_exit 120
check "the import ended well" test "$rc" = 0
tm capture-pane -p -t t > "$TMP/screen"
check "the progress line was shown" grep -q 'rows/s' "$TMP/screen"
check "no message runs into the progress line" sh -c "! grep -q 'rows/s.*big.csv:' '$TMP/screen'"
check "each refused row's message starts a line" \
	sh -c "grep -q '^big.csv:6001: ' '$TMP/screen' && grep -q '^big.csv:7001:2: ' '$TMP/screen'"
check "the summary" grep -q '^read 8000 rows: 7998 new, 0 updated, 0 unchanged, 0 skipped, 2 rejected' "$TMP/screen"
finish
