#!/bin/sh
# A save that the disk refuses (tests/fault: maitre over the fault-injecting VFS, the first
# write failing) keeps the form as typed and says why; saved again, nothing typed is lost.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/edit_data.sh"
"$MAITRE" init > /dev/null
edit_guest new
MAITRE="$MAITRE_FAULT_PROG" MAITRE_FAULT=write:1:full screen <<'KEYS'
type sxs
key Enter e
key ^N ^N ^N Down
type 175
key ^S
snap the disk is full: the form as typed, the reason on the status line
key ^S
snap saved: the card again
KEYS
MAITRE="$MAITRE_FAULT_PROG" MAITRE_FAULT=write:1:ioerr:persist screen <<'KEYS'
type sxs
key Enter
key ^V
type 4
key Tab
type 1,280
key Enter
snap an I/O error: the visit form as typed, the reason on the status line
KEYS
run guest show 1
run visit list
finish
