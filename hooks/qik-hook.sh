#!/bin/sh
# qik-managed git hook: `qik hooks install` wrote it, `qik hooks uninstall` removes it. Do not edit.
# It runs the hook that was here before qik (kept beside it as <hook>.pre-qik), then `qik hooks run <hook>`.
hook=@HOOK@
qik=@QIK@
project=@PROJECT@
[ "$QIK_SKIP" = "1" ] && exit 0
# The absolute path of the qik that installed the hook comes first: GUI git clients and version managers often
# run hooks without the user's PATH. QIK_BINARY overrides it; PATH is the fallback.
[ -n "$QIK_BINARY" ] && qik=$QIK_BINARY
if [ ! -x "$qik" ]; then
    qik=$(command -v qik 2>/dev/null) || {
        echo "qik: not found (looked for $qik and on PATH); the $hook hook did nothing. Reinstall with \`qik hooks install\`." >&2
        exit 0
    }
fi
# git runs hooks in the work-tree root and may name the index and git dir relative to it; qik runs in the project
# directory, so make them absolute first.
# (Parameter expansion and $PWD only: every fork costs a commit about a millisecond.)
case "$GIT_INDEX_FILE" in ""|/*) ;; *) GIT_INDEX_FILE="$PWD/$GIT_INDEX_FILE"; export GIT_INDEX_FILE ;; esac
case "$GIT_DIR" in ""|/*) ;; *) GIT_DIR="$PWD/$GIT_DIR"; export GIT_DIR ;; esac
case "$0" in */*) chained="${0%/*}/$hook.pre-qik" ;; *) chained="./$hook.pre-qik" ;; esac
if [ -x "$chained" ]; then
    if [ "$hook" = "pre-push" ]; then
        # Both the chained hook and qik read the pushed refs from standard input.
        input=$(cat)
        if [ -n "$input" ]; then printf '%s\n' "$input"; fi | "$chained" "$@" || exit $?
        cd "$project" || exit 1
        if [ -n "$input" ]; then printf '%s\n' "$input"; fi | "$qik" hooks run "$hook" "$@"
        exit $?
    fi
    "$chained" "$@" || exit $?
fi
cd "$project" || exit 1
exec "$qik" hooks run "$hook" "$@"
