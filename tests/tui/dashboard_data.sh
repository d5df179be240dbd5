# dashboard_data.sh — the restaurant of the dashboard screen tests (sourced by
# tests/tui/dashboard_*.sh after tests/tui/lib.sh), so that each of them starts where its
# behaviour does.
#
# dashboard_guests: 刘局长 comes often and spends much (A); 孙先生 came in April and May only
#   (tiered in May, a red alert in June, a complaint of 06-20 overdue); 王先生 is new in June;
#   赵女士 came once in June (untiered). May and June are tiered, June's alerts raised.
# dashboard_late_lunch: 赵女士's second lunch, on 06-29, which tests/tui/dashboard_figures.sh
#   has another terminal add while the dashboard is open; the other scripts start with it.
dashboard_guests() {
	"$MAITRE" guest add --name 刘局长 --allergy 花生:critical --taboo 猪肉:high \
		--birthday 07-02 > /dev/null
	"$MAITRE" guest add --name 孙先生 --birthday 1970-06-30 > /dev/null
	"$MAITRE" guest add --name 王先生 > /dev/null
	"$MAITRE" guest add --name 赵女士 > /dev/null
	for m in 04 05 06; do
		for d in 02 05 08 11 14 17 20 23; do
			"$MAITRE" visit add 1 --date 2026-$m-$d --meal dinner --covers 6 \
				--spend 1500 > /dev/null
		done
	done
	for m in 04 05; do
		for d in 03 13 23; do
			"$MAITRE" visit add 2 --date 2026-$m-$d --meal lunch --covers 4 \
				--spend 900 > /dev/null
		done
	done
	for d in 04 14 24; do
		"$MAITRE" visit add 3 --date 2026-06-$d --meal dinner --covers 5 --spend 1200 > /dev/null
	done
	"$MAITRE" visit add 4 --date 2026-06-09 --meal lunch --covers 2 --spend 180 > /dev/null
	"$MAITRE" tier recompute --month 2026-05 > /dev/null
	"$MAITRE" tier recompute --month 2026-06 > /dev/null
	# raised on the first morning of July (June is complete then)
	MAITRE_NOW="2026-07-01 09:00:00" "$MAITRE" alerts --month 2026-06 > /dev/null 2>&1
	MAITRE_NOW='2026-06-20 12:00:00' "$MAITRE" complaint add 2 --category service \
		--severity medium --text '上菜太慢' > /dev/null
}

dashboard_late_lunch() {
	"$MAITRE" visit add 4 --date 2026-06-29 --meal lunch --covers 2 --spend 100 > /dev/null
}
