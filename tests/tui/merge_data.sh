# merge_data.sh — one guest entered twice (sourced by tests/tui/merge_*.sh after lib.sh and by
# tests/pty/merge.sh): 孙先生 (guest 1: 中信银行, peanuts medium, a taste, a tag), entered at
# 19:05, and 孙总 (guest 2: 中信, another phone, looks, peanuts critical, pork, another tag),
# entered at 19:10 and so the newer; 孙总 has a visit in April, whose tiers were computed.
merge_guests() {
	MAITRE_NOW="2026-06-30 19:05:00" "$MAITRE" init > /dev/null
	MAITRE_NOW="2026-06-30 19:05:00" "$MAITRE" guest add --name 孙先生 --employer 中信银行 \
		--phone 13912345678 --allergy 花生:medium --taste 偏辣 --tag 老客 > /dev/null
	MAITRE_NOW="2026-06-30 19:10:00" "$MAITRE" guest add --name 孙总 --employer 中信 \
		--phone 13800001111 --set looks=高个 --allergy 花生:critical --taboo 猪肉:high \
		--tag 银行 > /dev/null
	"$MAITRE" visit add 2 --date 2026-04-15 --meal dinner --covers 2 --spend 500 > /dev/null
	"$MAITRE" tier recompute --month 2026-04 > /dev/null
}
# merge_dups: after merge_guests, two pairs that may be one guest each: 王小明 and 王晓明 (one
# phone, written with and without +86; 财政局), 李明 twice (财政局 and 财政局 with a space).
merge_dups() {
	"$MAITRE" guest add --name 王小明 --employer 亳州市财政局 --phone 13700002222 > /dev/null
	"$MAITRE" guest add --name 王晓明 --employer 亳州市财政局 --phone '+86 137 0000 2222' --force \
		--taboo 羊肉 > /dev/null
	"$MAITRE" guest add --name 李明 --employer 财政局 > /dev/null
	"$MAITRE" guest add --name 李明 --employer '财政局 ' > /dev/null
}
