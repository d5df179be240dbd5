#!/bin/sh
# The frame in Chinese (LANGUAGE=zh_CN): the lookup, the card and its help.
. "$TESTS_SRCDIR/tui/lib.sh"
. "$TESTS_SRCDIR/tui/screen_data.sh"
screen_guests
note "the Chinese interface"
( export LANGUAGE=zh_CN
screen <<'KEYS'
type sun
snap lookup in Chinese
key Enter
snap the card in Chinese
key ?
snap help in Chinese
KEYS
)
finish
