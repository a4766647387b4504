#!/usr/bin/env python3
"""Fails when the modules of a crate depend on each other in a cycle.

    scripts/module-cycles.py [CRATE_SRC_DIR...]     (default: every crate's src/)
    scripts/module-cycles.py --self-test            (finds a planted cycle)

A module is a source file (`figures/scan.rs` is `figures::scan`, a `mod.rs`
or `lib.rs` its directory's module). Module A depends on module B when A's
code (its `#[cfg(test)]` tests left out: they may look anywhere) names a path
into B: `use crate::b::…`, `crate::b::…`, `super::b::…`, `self::b::…`, or
a child declared with `mod b;` and then used as `b::…`. A path is resolved to
the deepest module it reaches; a name that is an item of a module counts as
that module. A module's own children may use it (`super::…`, the items a
parent module defines are shared below), but a parent that uses a child
which uses the parent is a cycle like any other.

Prints each cycle (strongly connected component of more than one module)
with one path around it; exit 1 when there is one, 0 when the graph is a DAG.
"""

import os
import re
import sys

PATH = re.compile(r"\b(crate|super|self)((?:::\w+)+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super|self)((?:::\w+)*)::\{([^;]*)\};", re.S)
MOD_DECL = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", re.M)


def strip(text):
    """The code without comments, strings and `#[cfg(test)]` modules."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\])'", "' '", text)
    out = []
    i = 0
    marker = re.compile(r"#\[cfg\(test\)\]\s*(?:pub\s+)?mod\s+\w+\s*\{")
    while True:
        m = marker.search(text, i)
        if not m:
            out.append(text[i:])
            break
        out.append(text[i:m.start()])
        depth = 1
        j = m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    return "".join(out)


def modules(src):
    """{module path (tuple): file} for the crate rooted at src/."""
    found = {}
    for dirpath, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), src)
            parts = rel[:-3].split(os.sep)
            if parts[-1] in ("mod", "lib", "main"):
                parts = parts[:-1]
            if "bin" in parts[:1]:
                continue
            found[tuple(parts)] = os.path.join(dirpath, name)
    return found


def resolve(mods, base, segments):
    """The deepest module `base` + `segments` reaches."""
    path = list(base)
    for seg in segments:
        if seg == "super":
            path = path[:-1]
        elif seg == "self":
            pass
        elif tuple(path + [seg]) in mods:
            path.append(seg)
        else:
            break
    return tuple(path)


def graph(src):
    mods = modules(src)
    edges = {m: set() for m in mods}
    for mod, file in mods.items():
        code = strip(open(file, encoding="utf-8").read())
        children = set(MOD_DECL.findall(code))
        refs = []
        for m in USE_GROUP.finditer(code):
            head = [m.group(1)] + [s for s in m.group(2).split("::") if s]
            for item in re.split(r"[,{}\s]+", m.group(3)):
                item = item.split("::")
                if item and item[0] and item[0] not in ("self",):
                    refs.append(head + item)
                elif item and item[0] == "self":
                    refs.append(head)
        for m in PATH.finditer(code):
            refs.append([m.group(1)] + [s for s in m.group(2).split("::") if s])
        # A child declared here and used by its bare name: `scan::x`.
        for child in children:
            if re.search(r"(?<![:\w])" + child + r"::\w", code):
                refs.append(["self", child])
        for ref in refs:
            if ref[0] == "crate":
                target = resolve(mods, (), ref[1:])
            elif ref[0] == "super":
                # `super` from a file module is its parent module.
                base = mod[:-1]
                target = resolve(mods, base, ref[1:])
            else:
                target = resolve(mods, mod, ref[1:])
            if target != mod and target in mods:
                edges[mod].add(target)
    return edges


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def name(mod):
    return "::".join(mod) or "crate"


def self_test():
    """The check finds a planted cycle and passes a planted chain."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "m"))
        files = {
            "lib.rs": "mod a;\nmod m;\n",
            "a.rs": "use crate::m::b::f;\n",
            "m/mod.rs": "pub mod b;\nmod c;\n",
            "m/b.rs": "pub fn f() { super::c::g() }\n",
            "m/c.rs": "pub fn g() {}\n#[cfg(test)]\nmod tests { use crate::a; }\n",
        }
        for name, text in files.items():
            with open(os.path.join(d, name), "w") as f:
                f.write(text)
        assert not cycles(graph(d)), "a chain taken for a cycle"
        with open(os.path.join(d, "m/c.rs"), "a") as f:
            f.write("fn h() { crate::a::x() }\n")
        found = cycles(graph(d))
        assert found == [[("a",), ("m", "b"), ("m", "c")]], found
    print("module-cycles: self-test ok (a planted cycle is found, tests are left out)")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return 0
    srcs = sys.argv[1:] or [
        os.path.join(root, d, "src")
        for d in ("parser", "decode", "export", "tools", "cli", "doc-readers", ".")
        if os.path.isdir(os.path.join(root, d, "src"))
    ]
    bad = 0
    total = 0
    for src in srcs:
        edges = graph(src)
        total += len(edges)
        for comp in cycles(edges):
            bad += 1
            members = set(comp)
            print(f"cycle in {os.path.relpath(src, root)}: " + ", ".join(name(m) for m in comp))
            for m in comp:
                inside = sorted(name(t) for t in edges[m] if t in members)
                print(f"    {name(m)} -> {', '.join(inside)}")
    print(f"module-cycles: {total} modules in {len(srcs)} crates, {bad} cycle(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
