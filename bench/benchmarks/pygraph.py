"""Python import graph construction: `qik :graph` (cold: `--no-cache`; the default uses the per-file import cache)."""

from . import Benchmark

BENCHMARKS = [
    Benchmark(
        name=f"pygraph-build/{corpus}", corpus=corpus, default=default,
        qik="{qik} :graph --no-cache", peer="{py} {bench}/tools/grimp_graph.py --out /dev/null",
        what="import graph of all top-level packages (peer: grimp.build_graph, uncached, "
             "plus qik 0.2.10's graph.json assembly)",
    )
    for corpus, default in (("django", True), ("synth-2k", False), ("synth-20k", False))
]
