"""Corpora used by the benchmarks: name -> generator argv (relative to bench/).

Each generator is idempotent and takes `--out DIR`; bench/run calls it with
DIR = bench/.corpora/<name> when the benchmark is selected.
"""

CORPORA: dict[str, list[str]] = {
    "django": ["corpus/django"],
    "synth-2k": ["corpus/synth.py", "--files", "2000", "--packages", "8", "--depth", "3"],
    "synth-20k": ["corpus/synth.py", "--files", "20000", "--packages", "20", "--depth", "4"],
    "synth-100k": ["corpus/synth.py", "--files", "100000", "--packages", "50", "--depth", "5"],
    "cmds-500": ["corpus/commands.py", "--count", "500", "--exec", "true"],
    "cmds-200": ["corpus/commands.py", "--count", "200", "--exec", "true"],
}
