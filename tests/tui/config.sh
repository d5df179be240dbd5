#!/bin/sh
# config.yaml: keys rebound by action name, a theme chosen; a broken file is reported as
# file:line:column and the interface does not start with half of it.
. "$TESTS_SRCDIR/tui/lib.sh"
unset MAITRE_THEME
"$MAITRE" init > /dev/null
mkdir -p "$XDG_CONFIG_HOME/maitre"
cat > "$XDG_CONFIG_HOME/maitre/config.yaml" <<'YAML'
theme: high-contrast
keys:
  today: F5
  lookup: F2 F6
YAML
screen <<'KEYS'
key F3
snap F3 is no longer today
key F5
snap F5 is today
key F6
expect Find:
attr Find:
KEYS
run help keys
note "broken files"
printf 'keys:\n  tody: F5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'keys:\n  today: Shift-F5\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'theme: [dark\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'theme: solarized\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'theme: dark\ntheme: monochrome\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'keys:\n  today: F3 t\n  today: q\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'keys:\n  today: F5\ncolour: blue\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
printf 'colour: blue\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
note "interrupt bound to a letter too: typed in a field it is the letter; on today's list it quits"
printf 'keys:\n  interrupt: ^C Q\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
type Q
expect Find: Q
snap Q typed in the query
key ^U F3
expect today
key Q
snap not reached: Q quit
KEYS
note "a key echoed in the message shows its bidirectional control (U+202E as <U+202E>)"
printf 'keys:\n  today: "\342\200\256F5"\n' > "$XDG_CONFIG_HOME/maitre/config.yaml"
screen <<'KEYS'
snap
KEYS
check "maitre help keys echoes it so too" sh -c '"$MAITRE" help keys 2>&1 >/dev/null | grep -q "today: \"<U+202E>F5\" is not a key"'
finish
