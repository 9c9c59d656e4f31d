"""Scheduler overhead: many cheap uncached runnables."""

from . import Benchmark

BENCHMARKS = [
    Benchmark(
        name="runner-200/cmds-200", corpus="cmds-200", separate=True, items=200,
        qik="{qik} -n 2", peer="{pyqik} -n 2",
        floor="i=0; while [ $i -lt 200 ]; do /bin/sh -c true; i=$((i+1)); done",
        what="200 uncached `true` commands with -n 2; per-runnable overhead = median / 200 "
             "(floor: 200 serial `sh -c true`)",
    ),
]
