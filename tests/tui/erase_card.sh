#!/bin/sh
# Erasing a guest on request from the card (':erase'): the reason asked first (Esc: nothing
# erased), then the question, naming the complaints not closed (no: nothing erased); yes: the
# card of what is left, "erased #1" with its visits; a backup made before is counted. A
# receptionist is refused.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/merge_data.sh"
merge_guests
"$MAITRE" complaint add 2 --category food --severity low --text '汤凉了' > /dev/null
screen <<'KEYS'
type 孙总
key Enter
type :erase
key Enter
expect The reason:
snap the reason asked first
key Esc
expect nothing erased
key X
type 本人要求删除
key Enter
expect complaints not closed: #1
snap the open complaint named before anything goes
type n
expect nothing erased
key X
type 本人要求删除
key Enter
type y
expect erased: 
snap the card of what is left: erased #2, its visit
KEYS
run guest show 2
check "the complaint's text is gone" test "$(sqlite3 "$MAITRE_DB" "SELECT count(*) FROM complaint WHERE description LIKE '%汤凉了%'")" = 0
"$MAITRE" backup > /dev/null
note "a backup made before: the erasure says it still holds the guest"
screen <<'KEYS'
type 孙先生
key Enter
key X
type 本人要求删除
key Enter
expect Everything about them goes
type y
expect 1 backup still holds them
snap guest 1 erased, the backup counted
KEYS
"$MAITRE" guest add --name 钱先生 > /dev/null
sqlite3 "$MAITRE_DB" "UPDATE staff SET role = 'receptionist' WHERE login = '$LOGIN'"
screen <<'KEYS'
type 钱先生
key Enter
key X
expect needs the role
snap a receptionist: refused
KEYS
finish
