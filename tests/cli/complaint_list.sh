#!/bin/sh
# maitre complaint list — its filters (open, owner, guest, overdue) combined, and its formats
# (tsv, csv, json).
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
"$MAITRE" init > /dev/null
complaint_guests
complaint_logged
complaint_recovered
complaint_third
complaint_round2

now "2026-07-08 10:00:01"
run complaint list --open
run complaint list --owner lina
run complaint list --guest 2 --open
run complaint list --overdue --owner lina --format tsv
run complaint list --format csv
run complaint list --guest 1 --format json
finish
