#!/bin/sh
# Run by `make check` in place of the unit tests when configure did not find Check (the unit
# test library): the tests cannot be built, and that is a failure, never a silent skip.
echo "the unit tests (tests/unit/check_*) were not built: configure did not find" >&2
echo "Check >= 0.11 (pkg-config check; Debian package 'check', see scripts/install-deps)." >&2
echo "install it, run ./configure again, then make check." >&2
exit 99
