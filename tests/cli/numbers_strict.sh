#!/bin/sh
# Numbers given on the command line are taken whole (issue 13, defect 9): a space before or
# after (which strtol and the form's trimming would skip), a "+" or a tab is refused, naming
# the option; and an argument echoed in a message shows its controls (ESC as ^[, U+202E as
# <U+202E>), never raw (defect 1).
. "$TESTS_SRCDIR/cli/lib.sh"
"$MAITRE" init > /dev/null
"$MAITRE" guest add --name 孙先生 > /dev/null
"$MAITRE" complaint add 1 --category food --severity low --text 太咸 > /dev/null
run visit add 1 --covers ' 3' --spend 100
run visit add 1 --covers '3 ' --spend 100
run visit add 1 --covers "$(printf '\t3')" --spend 100
run visit add 1 --covers '3　' --spend 100
run visit add 1 --covers 3 --spend ' 100'
run visit add 1 --covers 3 --spend '100 '
run guest show ' 1'
run guest show '1 '
run guest show +1
run guest edit 1 --set 'height_cm= 170'
run guest edit 1 --set 'height_cm=170 '
run complaint step 1 ' 2'
run banquet log 1 --date 2026-06-01 --tables ' 2'
run demo --seed ' 5' "$TMP/demo.db"
run demo --visits-per-guest '5 ' "$TMP/demo.db"
check "nothing was written" test "$("$MAITRE" --format tsv visit list | wc -l)" = 1
note "the same values without the spaces are taken"
run visit add 1 --covers 3 --spend 100
run guest edit 1 --set height_cm=170
run complaint step 1 2
note "an argument echoed in a message shows its controls"
run guest show "$(printf '1\033]0;pwned\007')"
run "$(printf 'gu\033[8mest')" show 1
check "U+202E in an argument is echoed as <U+202E>" sh -c \
	'"$MAITRE" guest show "$(printf "\342\200\256")1" 2>&1 | grep -q "got \"<U+202E>1\""'
check "CSI U+009B in an unknown option is echoed as <U+009B>" sh -c \
	'"$MAITRE" guest show --bad"$(printf "\302\233")"2J 1 2>&1 | grep -q "unknown option --bad<U+009B>2J$"'
finish
