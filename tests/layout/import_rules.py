"""What each package of the product may import (issue 17), read from the code's own imports.

Every `import` and `from ... import` counts, at module level or inside a function or an
`if TYPE_CHECKING:` block: a late import is still a dependency. Relative imports are resolved.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

# The packages of the product and what each may import besides itself. A new top-level
# package must be added here (the test fails until it is), so the table stays the whole picture.
ALLOWED: dict[str, set[str]] = {
    "bot": {"shared"},           # loads into the Rasa server
    "actions": {"shared"},       # the action server
    "shared": set(),             # neither server owns it: stores, contracts, settings
    "delivery": {"shared"},      # the delivery worker process
    "case_system": {"shared"},   # the reference case system process
    "webchat": {"shared"},       # serves the widget and its demo page
    "purge": {"shared"},         # the scheduled purge process
    "launcher": {"shared"},      # make run: starts the others as processes, never imports them
    # Caseworkers' and testers' tools run the product's own code offline: `asb-review assess`
    # runs the threshold engine exactly as the action server does, `asb-review outbox` the
    # worker's admin. Nothing in the product imports a tool.
    "tools": {"shared", "actions", "delivery"},
}
# The benchmarks (developers only) start and time any part; nothing imports them.
ALLOWED["bench"] = set(ALLOWED)

# Third-party libraries that mark a server: the action server talks to Rasa only through
# rasa_sdk, the Rasa server never loads the SDK, and shared code loads neither.
FORBIDDEN_LIBRARIES: dict[str, set[str]] = {
    "actions": {"rasa"},
    "bot": {"rasa_sdk"},
    "shared": {"rasa", "rasa_sdk"},
}


@dataclass(frozen=True)
class Edge:
    source: str  # module
    target: str  # module of the product, or a library's top-level name
    line: int
    path: str


def modules(root: Path, packages) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "node_modules" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def imports(root: Path, packages) -> tuple[dict[str, Path], list[Edge]]:
    """Every import of every module: edges to the product's modules and to libraries."""
    known = modules(root, packages)

    def resolve(name: str):
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    edges = []
    for module, path in known.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        where = str(path.relative_to(root))
        for node in ast.walk(ast.parse(path.read_text(), filename=where)):
            names = []
            if isinstance(node, ast.Import):
                names = [(alias.name, None) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - (node.level - 1)]
                    base = ".".join(parts + ([base] if base else []))
                names = [(base, alias.name) for alias in node.names]
            for base, member in names:
                target = (resolve(f"{base}.{member}") if member else None) or resolve(base)
                if target is None:
                    target = base.split(".")[0]  # a library (or the standard library)
                if target != module:
                    edges.append(Edge(module, target, node.lineno, where))
    return known, edges


def forbidden(known: dict[str, Path], edges: list[Edge], allowed=ALLOWED, libraries=FORBIDDEN_LIBRARIES) -> list[str]:
    problems = []
    for edge in edges:
        source, target = edge.source.split(".")[0], edge.target.split(".")[0]
        if edge.target in known:
            if target != source and target not in allowed.get(source, set()):
                problems.append(f"{edge.path}:{edge.line}: {edge.source} imports {edge.target} "
                                f"({source} may import only {sorted(allowed.get(source, set())) or 'itself'})")
        elif target in libraries.get(source, set()):
            problems.append(f"{edge.path}:{edge.line}: {edge.source} imports the library {target}")
    return problems


def cycles(known: dict[str, Path], edges: list[Edge]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan)."""
    graph = defaultdict(set)
    for edge in edges:
        if edge.target in known:
            graph[edge.source].add(edge.target)
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(known):
        if node not in index:
            visit(node)
    return found
