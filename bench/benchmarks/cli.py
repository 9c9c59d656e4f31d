"""Whole-CLI latency: config loading, selection, fully cached runs."""

from . import Benchmark

BENCHMARKS = [
    Benchmark(
        name="config-500/cmds-500", corpus="cmds-500",
        qik="{qik} --ls", peer="{pyqik} --ls", floor="{qik} --version",
        what="parse a qik.toml with 500 commands (no deps) and list them; floor = qik's own start-up. "
        "The in-process load+validate time alone: `qik :config --timing 50` in the corpus",
    ),
    Benchmark(
        name="ls/django", corpus="django",
        qik="{qik} --ls", peer="{pyqik} --ls",
        what="list the 22 runnables of the django qik.toml",
    ),
    Benchmark(
        name="since-ls/django", corpus="django",
        qik="{qik} --since HEAD~5 --ls", peer="{pyqik} --since HEAD~5 --ls",
        floor="git diff --name-only HEAD~5 -- .",
        what="select runnables affected since HEAD~5 and list them",
    ),
    Benchmark(
        name="noop-cached/django", corpus="django", separate=True,
        qik="{qik} -n 2", peer="{pyqik} -n 2",
        what="run all 22 commands, every one a cache hit (hash every dep, replay logs); the warm-up run fills the cache",
    ),
]
