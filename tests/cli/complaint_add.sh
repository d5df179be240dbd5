#!/bin/sh
# maitre complaint add — logging a complaint (the owner given, or whoever logs it), and the
# help of the complaint commands (domain.md §6).
. "$TESTS_SRCDIR/cli/lib.sh"
. "$TESTS_SRCDIR/cli/complaint_data.sh"
now "2026-06-30 11:00:00"
run init
complaint_guests

note "a complaint is logged; the guest's allergy is the kind of incident that is critical"
now "2026-06-30 12:00:00"
run complaint add 1 --category food --severity critical --text 菜里有花生，客人花生过敏 \
	--visit 1 --staff 小王 --owner lina
now "2026-06-30 12:30:00"
run complaint add 2 --category waiting-time --severity medium --text 上菜太慢，等了四十分钟 \
	--channel phone --owner wang
run complaint list

note "without --owner, whoever logs the complaint owns it"
now "2026-07-08 12:30:00"
run complaint add 1 --category price --severity low --text 酒水价格比菜单贵
run complaint list --owner "$LOGIN" --format tsv

run help complaint
finish
