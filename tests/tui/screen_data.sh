# screen_data.sh — the guests of the frame tests (sourced by tests/tui/screen_*.sh after
# tests/tui/lib.sh), so that each of them starts where its behaviour does.
#
# screen_guests: a fresh database with Evil Guy (#1; phone 13912345678, employer Acme) and
#   孙先生 (#2; taboo pork, high), then Evil Guy's name and employer rewritten by some other
#   tool straight into the file with escape sequences in them (ESC [2J, an OSC title, BEL).
screen_guests() {
	"$MAITRE" init > /dev/null
	"$MAITRE" guest add --name 'Evil Guy' --phone 13912345678 --employer 'Acme' > /dev/null
	"$MAITRE" guest add --name 孙先生 --family-name 孙 --phone 13800001111 --taboo 猪肉:high \
		> /dev/null
	sqlite3 "$MAITRE_DB" "UPDATE guest SET name = 'Evil' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || ' Guy', employer = 'Ac' || char(27) || '[31mme' WHERE id = 1"
}
