"""Git state reading: the blob map of the index/work tree and changed-since-ref lists."""

from . import Benchmark

# Python qik 0.2.10's own code path for the same job (qik.hash.globs over every file).
PY_GLOBS = "{py} -c \"import qik.hash as h; h.globs('*')\""
PY_SINCE = ("{py} -c \"import qik.shell as s; "
            "s.exec('git diff --name-only HEAD~50 -- .', check=True, lines=True)\"")
MODIFY_100 = ("git checkout -q -- . && git ls-files -z -- '*.py' | head -z -n 100 "
              "| xargs -0 sh -c 'for f; do echo \"# bench modified\" >> \"$f\"; done' sh")
RESTORE = "git checkout -q -- ."

BENCHMARKS = []
for corpus, default in (("django", True), ("synth-2k", False), ("synth-20k", True), ("synth-100k", False)):
    BENCHMARKS += [
        Benchmark(
            name=f"git-blobs-clean/{corpus}", corpus=corpus, default=default,
            qik="{qik} :git blobs", peer=PY_GLOBS, floor="git ls-files -s",
            setup=RESTORE,
            what="path -> blob id for every tracked file, clean work tree "
                 "(peer: qik.hash.globs('*') of Python qik)",
        ),
        Benchmark(
            name=f"git-blobs-stat-floor/{corpus}", corpus=corpus, default=default,
            qik="{qik} :git blobs", floor="git diff-files --quiet",
            setup=RESTORE,
            what="clean tree against the cheapest git command that would notice a modified file "
                 "(index read + lstat of every entry); `git ls-files -s` never looks at the work tree",
        ),
        Benchmark(
            name=f"git-blobs-100-modified/{corpus}", corpus=corpus, default=default,
            qik="{qik} :git blobs", peer=PY_GLOBS, floor="git status --porcelain",
            setup=MODIFY_100, teardown=RESTORE,
            what="same with 100 .py files modified in the work tree (re-hash from disk)",
        ),
        Benchmark(
            name=f"git-since-50/{corpus}", corpus=corpus, default=default,
            qik="{qik} :git since HEAD~50", peer=PY_SINCE,
            floor="git diff --name-only HEAD~50 -- .",
            setup=RESTORE,
            what="files changed since HEAD~50 (peer: Python qik's diff call incl. interpreter start)",
        ),
    ]
