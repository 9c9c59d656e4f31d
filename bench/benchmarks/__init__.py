"""Benchmark registry for bench/run (stdlib only).

One module per benchmark family in this package; each defines `BENCHMARKS`, a list of
`Benchmark`. Corpora are declared in `corpora.py`. Command strings are shell text run with
`/bin/sh -c` in the corpus directory, with these placeholders:

    {qik}    the Swift qik binary ($QIK, default <repo>/.build/release/qik)
    {pyqik}  Python qik 0.2.10 (bench/.venv/bin/qik)
    {py}     the bench venv's python
    {bench}  the bench/ directory
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil


@dataclasses.dataclass(frozen=True)
class Benchmark:
    name: str  # "family/corpus"; `bench/run family` selects the whole family
    corpus: str  # key of corpora.CORPORA
    qik: str  # command measured for the Swift port
    peer: str | None = None  # command measured for the peer (Python qik 0.2.10 unless said)
    floor: str | None = None  # lower bound (plain git etc.), where one applies
    # further peers measured in the same interleaved rounds, (label, command); reported in the
    # notes column as "label median (label/qik ratio)"
    extra: tuple[tuple[str, str], ...] = ()
    setup: str | None = None  # run once per checkout before measuring (untimed)
    teardown: str | None = None  # run once per checkout after measuring (untimed)
    prepare: str | None = None  # run before every timed run (untimed)
    separate: bool = False  # qik and peer get their own clone (they write caches)
    items: int = 0  # >0: also report median / items ("per-runnable overhead")
    default: bool = True  # part of `bench/run` with no names
    what: str = ""  # one-line description for --list and the docs

    @property
    def family(self) -> str:
        return self.name.split("/", 1)[0]


def load() -> list[Benchmark]:
    found: list[Benchmark] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "corpora":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "BENCHMARKS", []))
    names = [b.name for b in found]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise SystemExit(f"duplicate benchmark names: {sorted(dupes)}")
    return found
