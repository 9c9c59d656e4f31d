"""Small helpers shared by the corpus generators (stdlib only).

Every commit gets fixed author/committer identities and dates so that the same
generator arguments always give the same commit SHAs.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

EPOCH = 1_700_000_000  # fixed base timestamp for generated commits
MARKER = "bench-corpus.json"  # stored inside .git/, so it is never part of the tree

GITIGNORE = "__pycache__/\n*.pyc\n._qik/\n"


def git(repo: pathlib.Path, *args: str, env: dict[str, str] | None = None, **kw) -> str:
    full_env = dict(os.environ)
    full_env.update(
        GIT_AUTHOR_NAME="qik bench",
        GIT_AUTHOR_EMAIL="bench@qik.invalid",
        GIT_COMMITTER_NAME="qik bench",
        GIT_COMMITTER_EMAIL="bench@qik.invalid",
    )
    full_env.update(env or {})
    return subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
        env=full_env,
        **kw,
    ).stdout


def commit(repo: pathlib.Path, message: str, n: int) -> None:
    date = f"@{EPOCH + n * 3600} +0000"
    git(repo, "commit", "-q", "--no-verify", "-m", message,
        env={"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})


def init(repo: pathlib.Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "core.autocrlf", "false")
    git(repo, "config", "commit.gpgsign", "false")


def is_ready(repo: pathlib.Path, params: dict) -> bool:
    marker = repo / ".git" / MARKER
    try:
        return json.loads(marker.read_text()) == params
    except (OSError, ValueError):
        return False


def mark_ready(repo: pathlib.Path, params: dict) -> None:
    (repo / ".git" / MARKER).write_text(json.dumps(params, sort_keys=True))


def reset_dir(path: pathlib.Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def history(repo: pathlib.Path, files: list[str], commits: int, rng, per_commit: int = 3,
            first_n: int = 1) -> None:
    """Append deterministic edits to `per_commit` files per commit, `commits` times."""
    for i in range(commits):
        touched = sorted(rng.sample(files, min(per_commit, len(files))))
        for rel in touched:
            with open(repo / rel, "a", encoding="utf-8") as fh:
                fh.write(f"# bench history edit {i}\n")
        git(repo, "add", "--", *touched)
        commit(repo, f"bench: history edit {i} ({len(touched)} files)", first_n + i)
