"""Python import graph construction: `qik :graph` (cold: `--no-cache`; the default uses the per-file import cache).

Every side works on the same files: the `.py` files of the corpus's top-level packages (directories
with `__init__.py`; django: `django/`, 885 files).
"""

from . import Benchmark

# Command templates (str.format placeholders, so shell braces are doubled).
# The top-level packages, one per line (`django`; `pkg0` … `pkg19` for synth-20k).
PACKAGES = "$(for f in */__init__.py; do echo \"${{f%/__init__.py}}\"; done)"
# Pathspecs `pkg/*.py` (git's `*` crosses `/`); `set -f` keeps the shell from globbing them again.
PY_PATHSPECS = "$(for f in */__init__.py; do echo \"${{f%/__init__.py}}/*.py\"; done)"

# Peer 1: grimp, as qik 0.2.10's pygraph.build calls it, plus its graph.json assembly.
GRIMP = "{py} {bench}/tools/grimp_graph.py --out /dev/null"
# Peer 2: ruff's import map of the same package directories (ruff walks them itself, honouring
# .gitignore; it uses every core). `--isolated`: the corpus's own pyproject settings stay out.
RUFF = "{bench}/.venv/bin/ruff analyze graph --isolated " + PACKAGES + " > /dev/null 2>&1"
# Floor: list the same files from the git index and read every byte once (one `cat` process).
READ_FLOOR = "specs=" + PY_PATHSPECS + "; set -f; git ls-files -z -- $specs | xargs -0 cat > /dev/null"

# The file edited before every timed rebuild; each run appends a different line, so the cache
# (qik's per-file import cache, grimp's cache in the peer) always misses on exactly this file.
EDITED = {"django": "django/utils/text.py", "synth-2k": "pkg0/m0.py", "synth-20k": "pkg0/m0.py"}


def edit(path: str) -> str:
    return f"git checkout -q -- {path} && echo \"# bench edit $(date +%s%N)\" >> {path}"


def restore(path: str) -> str:
    return f"git checkout -q -- {path}"


BENCHMARKS = []
for corpus, default in (("django", True), ("synth-2k", False), ("synth-20k", False)):
    path = EDITED[corpus]
    BENCHMARKS += [
        Benchmark(
            name=f"pygraph-build/{corpus}", corpus=corpus, default=default,
            qik="{qik} :graph --no-cache", peer=GRIMP, floor=READ_FLOOR, extra=(("ruff", RUFF),),
            what="cold import graph of all top-level packages (peer: grimp.build_graph, uncached, "
                 "plus qik 0.2.10's graph.json assembly; also `ruff analyze graph`; floor: "
                 "`git ls-files | xargs cat` of the packages' .py files)",
        ),
        Benchmark(
            name=f"pygraph-rebuild/{corpus}", corpus=corpus, default=default,
            qik="{qik} :graph", peer=GRIMP + " --cache-dir ._qik/.grimp",
            setup=f"{restore(path)} && {{qik}} :graph && {GRIMP} --cache-dir ._qik/.grimp",
            prepare=edit(path), teardown=restore(path),
            what=f"graph after editing {path}, caches warm (qik: per-file import cache; "
                 "peer: grimp with its cache, as qik 0.2.10's pygraph.build uses it)",
        ),
    ]
