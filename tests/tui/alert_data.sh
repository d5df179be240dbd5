# alert_data.sh — the restaurant of the alert guest screen tests (sourced by tests/tui/alert_*.sh
# after tests/tui/lib.sh), so that each of them starts where its behaviour does. The evening is
# the first of July: June is complete, July is running.
#
# alert_guests: 孙先生 (peanuts, pork), 王先生 and 张女士, each twice a week with a table of
#   eight in April and May; in June 孙先生 stays away, 王先生 comes once and 张女士 as before.
#   The tiers of May and June are computed; no alert is raised.
# alert_june: June's alerts raised as R raises them (tests/tui/alert_raise.sh): 孙先生 red
#   (alert 1), 王先生 yellow (alert 2).
# alert_crowd: 150 more guests 客001… with an alert of June each, every third red (alerts 3 to
#   152); alert 1 closed first, as tests/tui/alert_close.sh closes it.
export MAITRE_NOW="2026-07-01 19:05:00"

alert_guests() {
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13900001111 \
		--employer 亳州市建设银行 --allergy 花生:critical --taboo 猪肉 > /dev/null
	"$MAITRE" guest add --name 王先生 --family-name 王 --phone 13900002222 --employer 古井贡酒 \
		> /dev/null
	"$MAITRE" guest add --name 张女士 --family-name 张 > /dev/null
	for d in 02 05 09 12 16 19 23 26; do
		for g in 1 2 3; do
			"$MAITRE" visit add $g --date 2026-04-$d --meal dinner --covers 8 --spend 1200 \
				> /dev/null
			"$MAITRE" visit add $g --date 2026-05-$d --meal dinner --covers 8 --spend 1200 \
				> /dev/null
		done
	done
	"$MAITRE" visit add 2 --date 2026-06-13 --meal dinner --covers 4 --spend 580 > /dev/null
	for d in 02 05 09 12 16 19 23 26; do
		"$MAITRE" visit add 3 --date 2026-06-$d --meal dinner --covers 8 --spend 1200 > /dev/null
	done
	"$MAITRE" tier recompute --month 2026-05 > /dev/null
	"$MAITRE" tier recompute --month 2026-06 > /dev/null
}

alert_june() {
	"$MAITRE" alerts --month 2026-06 > /dev/null 2>&1
}

alert_crowd() {
	"$MAITRE" alert close 1 --outcome 已致歉，孙先生下周来用餐 > /dev/null
	sqlite3 "$MAITRE_DB" "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 150)
INSERT INTO guest(name, created_at, updated_at)
	SELECT printf('客%03d', n), '2026-06-01 10:00:00', '2026-06-01 10:00:00' FROM k;
INSERT INTO alert(guest_id, month, light, reason, tier, created_at)
	SELECT id, '2026-06', CASE WHEN (id - 3) % 3 = 0 THEN 'red' ELSE 'yellow' END,
	'no visit in 2026-06', 'B', '2026-06-30 10:00:00' FROM guest WHERE id > 3 ORDER BY id;"
}
