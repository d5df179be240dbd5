#!/bin/sh
# The command line under the Chinese locale: its messages in Chinese (the same words as the
# screens'), the closed choices typed in Chinese and stored as their codes.
. "$TESTS_SRCDIR/cli/lib.sh"
run init
run guest add --name 孙先生 --phone 手机:13800001111 --gender 男
run guest show 1
note "a complaint's category and channel typed in Chinese: stored as their codes"
run complaint add 1 --category 菜品 --severity low --channel 微信 --text 汤凉了
check "category food, channel wechat" test "$(sqlite3 "$MAITRE_DB" "SELECT category || ' ' || channel FROM complaint")" = "food wechat"
note "a preference's kind and severity typed in Chinese"
run guest add --name 钱先生 --allergy 花生:危急 --person 司机:老王 --person-pref 司机:忌口:辣
run guest show 2
note "a wrong value, a wrong option, a missing argument: in English, then in Chinese"
run visit add 1 --covers abc --spend 300
run guest edit 1 --colour red
run guest edit 1 --set gender=男士
run visit void
export LANGUAGE=zh_CN
run visit add 1 --covers abc --spend 300
run guest edit 1 --colour red
run guest edit 1 --set gender=男士
run visit void
run visit add 1 --covers 2 --spend 300 --date 2020-01-01
run visit void 1 --code nope
run tier override 1 Z --reason 老客户
run nosuch
finish
