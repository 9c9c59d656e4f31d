#!/bin/sh
# qik's merge driver for repo-cache files (.qik/**): keep the local side of a conflicting cache entry.
# Configured by qik as: git config merge.qik.driver "sh <this file> %O %A %B"
# In a merge, "ours" ($2) is already the local version. In a rebase the roles swap: "theirs" ($3) is the
# commit being replayed, i.e. the user's own cache entry, so it is copied over the result.
git_dir=$(git rev-parse --git-dir 2>/dev/null || echo .git)
if [ -d "$git_dir/rebase-apply" ] || [ -d "$git_dir/rebase-merge" ]; then
    cp "$3" "$2"
fi
exit 0
