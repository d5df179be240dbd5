#!/bin/sh
# scripts/check-subjects: commit subjects of at most 72 characters, counted in characters, for
# the commits after a base only; and the same rule as a commit-msg hook.
. "$TESTS_SRCDIR/cli/lib.sh"
script="$TESTS_SRCDIR/../scripts/check-subjects"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t \
	GIT_COMMITTER_EMAIL=t@example.org GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
repo="$TMP/repo"
git init -q "$repo"
cd "$repo"
long72=$(printf 'x%.0s' $(seq 72))
git commit -q --allow-empty -m "an old subject from before the rule: $long72"
base=$(git rev-parse HEAD)
git commit -q --allow-empty -m "$long72"
git commit -q --allow-empty -m "$(printf '孙%.0s' $(seq 72))"
check "72 characters after the base (Chinese ones too): accepted" "$script" "$base"
git commit -q --allow-empty -m "${long72}y"
check "73 characters: refused" sh -c '! "$1" "$2" 2> /dev/null' - "$script" "$base"
check "the refusal names the commit" sh -c '"$1" "$2" 2>&1 | grep -q "73: .* ${3}y"' - "$script" "$base" "$long72"
check "a base that is not a commit: refused" sh -c '! "$1" nosuchcommit 2> /dev/null' - "$script"
ln -s "$script" "$TMP/commit-msg"
printf '%s\n\nthe body may be longer: %s\n' "$long72" "$long72$long72" > "$TMP/msg"
check "hook: a subject of 72 characters and a longer body" "$TMP/commit-msg" "$TMP/msg"
printf '# a comment git strips\n%sy\n' "$long72" > "$TMP/msg"
check "hook: 73 characters refused" sh -c '! "$1" "$2" 2> /dev/null' - "$TMP/commit-msg" "$TMP/msg"
cd "$TMP"
finish
