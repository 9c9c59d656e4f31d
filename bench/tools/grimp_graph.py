#!/usr/bin/env python3
"""Build qik's pygraph `graph.json` with grimp, the way qik 0.2.10's `pygraph.build` does
(qik/pygraph/core.py), without needing a qik.toml: internal packages = top-level packages
(directories with __init__.py) in the current directory (or --package, repeatable).

    python grimp_graph.py [--package NAME ...] [--out FILE|-] [--ignore-type-checking]
                          [--ignore-pydists] [--cache-dir DIR]

Output: {"modules": [[dotted, is_internal], ...], "edges": [[i, j], ...]} (compact JSON).
The Swift differential harness (Sources/QikTestSupport/PythonQik.swift) runs this file.
"""

from __future__ import annotations

import argparse
import json
import os
import pkgutil
import sys

import grimp


def build(packages: list[str], ignore_type_checking: bool, ignore_pydists: bool, cache_dir):
    internal = set(packages)
    stdlib = sys.stdlib_module_names | set(sys.builtin_module_names)
    g = grimp.build_graph(
        *sorted(internal),
        include_external_packages=not ignore_pydists,
        exclude_type_checking_imports=ignore_type_checking,
        cache_dir=cache_dir,
    )
    modules = [
        (imp, imp.split(".", 1)[0] in internal)
        for imp in sorted(g.modules)
        if imp.split(".", 1)[0] not in stdlib
    ]
    idx = {imp: i for i, (imp, _) in enumerate(modules)}
    edges = []
    # package -> child edges: nearest preceding ancestor in sorted order
    for i, (imp, _) in enumerate(modules):
        if i > 0 and "." in imp:
            for parent, _internal in modules[i - 1 :: -1]:
                found = imp.startswith(parent + ".")
                if found:
                    edges.append((idx[parent], i))
                if found or "." not in parent:
                    break
    for imp, _ in modules:
        for imported in g.find_modules_directly_imported_by(imp):
            if imported in idx:
                edges.append((idx[imp], idx[imported]))
    return {"modules": [[m, internal_] for m, internal_ in modules], "edges": sorted(edges)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", action="append", default=[])
    ap.add_argument("--out", default="-")
    ap.add_argument("--ignore-type-checking", action="store_true")
    ap.add_argument("--ignore-pydists", action="store_true")
    ap.add_argument("--cache-dir", default=None)
    args = ap.parse_args()
    sys.path.insert(0, os.getcwd())
    packages = args.package or sorted(
        m.name for m in pkgutil.iter_modules([os.getcwd()]) if m.ispkg
    )
    graph = build(packages, args.ignore_type_checking, args.ignore_pydists, args.cache_dir)
    text = json.dumps(graph, separators=(",", ":"))
    if args.out == "-":
        sys.stdout.write(text + "\n")
    else:
        with open(args.out, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
