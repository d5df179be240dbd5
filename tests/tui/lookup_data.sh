# lookup_data.sh — the guests of the lookup screen tests (sourced by tests/tui/lookup_*.sh after
# tests/tui/lib.sh).
#
# lookup_guests: 孙先生 (peanut allergy, pork taboo, came on 06-20), 孙主任 (no allergy or
#   taboo, a phone ending 5678 too), 曾总 (a polyphonic surname, shrimp), Zoë O'Brien (a Latin
#   name with an apostrophe) and 孙总 (his son's critical allergy before his own).
# lookup_namesakes: three more 孙先生 with no family name, told apart by their phones (the
#   first with a landline as his second phone).
# lookup_li: forty guests 李0 … 李39, more than a page holds.
lookup_guests() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --given-name 建国 --phone 13912345678 \
		--taboo 猪肉 --allergy 花生:critical --employer 亳州市永盛信息科技有限公司 > /dev/null
	"$MAITRE" guest add --name 孙主任 --family-name 孙 --phone 13800005678 \
		--employer 亳州市财政局 > /dev/null
	"$MAITRE" guest add --name 曾总 --family-name 曾 --phone 0558-5552222 \
		--allergy 虾:high > /dev/null
	"$MAITRE" guest add --name "Zoë O'Brien" --phone '+44 20 7946 0958' \
		--employer 'Acme Ltd' > /dev/null
	"$MAITRE" guest add --name 孙总 --family-name 孙 --phone 13700001234 --allergy 香菜:low \
		--taboo 猪肉 --person son:小强 --person-pref 小强:allergy:花生:critical > /dev/null
	"$MAITRE" visit add 1 --date 2026-06-20 --meal dinner --covers 4 --spend 1280 > /dev/null
}

lookup_namesakes() {
	"$MAITRE" guest add --name 孙先生 --phone 13600001111 --phone 0558-5550002 > /dev/null
	"$MAITRE" guest add --name 孙先生 --phone 13600002222 > /dev/null
	"$MAITRE" guest add --name 孙先生 --phone 13600003333 > /dev/null
}

lookup_li() {
	i=0
	while [ $i -lt 40 ]; do
		"$MAITRE" guest add --name "李$i" --phone "1370000$((1000 + i))" > /dev/null
		i=$((i + 1))
	done
}
