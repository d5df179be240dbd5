#!/bin/sh
# Refusals say why, never a silent nothing: on a shared login a write asks who is there; a
# person whose role may not, and a login of the staff without the role, are told which role may.
# The action table, the function keys and the ':' line all ask the same question.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/signin_data.sh"
signin_setup
screen <<'KEYS'
key F4
snap the dashboard (reports) asks who is there, naming what
type wang
key Enter
type 1234
key Enter
snap 王芳 signed in, but a receptionist: the refusal names the manager's role
key F3
key D
expect needs the role
snap voiding a visit: refused, not hidden
type :void
key Enter
expect needs the role
snap the same action by name on the ':' line: the same refusal
type :dashboard
key Enter
expect needs the role
KEYS
note "a login that is not shared, with the receptionist's role: refused at once, no sign-in"
sqlite3 "$MAITRE_DB" "UPDATE staff SET shared = 0 WHERE login = '$LOGIN'"
screen <<'KEYS'
key F4
expect reports, the monthly sheet, tier lists and dashboards: needs the role 经理
key F6
expect needs the role
key F7
snap complaints: a receptionist may read them
KEYS
finish
