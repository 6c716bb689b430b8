"""YAML documents: PyYAML's safe loader, made strict where YAML is dangerous or ambiguous.

Only plain data is read (the safe loader refuses ``!!python/object`` and other tags). Also
refused, each with a position: duplicate keys, several documents in one file, and aliases
that expand to more nodes than any request file needs (the "billion laughs" attack: the
composed graph is small, but anything that walks the data would walk every expansion).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from automl_objective.documents import Document, LoadError
from automl_objective.positions import Position

MAX_EXPANDED_NODES = 100_000


def _loader_class() -> type[yaml.SafeLoader]:
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def _check_graph(path: str, root: yaml.Node) -> None:
    """Refuse duplicate keys and alias bombs, walking each distinct node once."""
    expanded: dict[int, int] = {}
    visiting: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if not children_done:
            if id(node) in visiting:
                mark = node.start_mark
                raise LoadError(
                    path, "a YAML alias refers to itself", mark.line + 1, mark.column + 1
                )
            visiting.add(id(node))
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                    if key.value in seen:
                        first = seen[key.value].start_mark.line + 1
                        mark = key.start_mark
                        raise LoadError(
                            path,
                            f"key {key.value!r} appears twice in one mapping (lines {first} "
                            f"and {mark.line + 1}): parsers disagree on which one counts",
                            mark.line + 1,
                            mark.column + 1,
                            code="duplicate-key",
                        )
                    seen[key.value] = key
                children.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        if not children_done and children:
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in expanded)
            continue
        total = 1 + sum(expanded.get(id(child), 1) for child in children)
        if total > MAX_EXPANDED_NODES:
            mark = node.start_mark
            raise LoadError(
                path,
                f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} nodes; refused",
                mark.line + 1,
                mark.column + 1,
            )
        expanded[id(node)] = total
        visiting.discard(id(node))


def parse_yaml(path: str, text: str) -> Document:
    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_graph(path, root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        if "expected a single document" in str(error.context) + str(problem):
            problem = "several documents in one file; put each in a file of its own"
        elif "could not determine a constructor" in problem:
            problem = f"{problem}; only plain data (no tags such as !!python/object) is read"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise LoadError(path, f"invalid YAML: {problem}", line, column) from None
    except RecursionError:
        raise LoadError(path, "invalid YAML: nested too deeply to read") from None
    except yaml.YAMLError as error:
        raise LoadError(path, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return Document(path, data, text, "yaml", root)


def locate_yaml(node: yaml.Node | None, path: Sequence[str | int], *, key: bool) -> Position | None:
    if node is None:
        return None
    for depth, token in enumerate(path):
        last = depth == len(path) - 1
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(token):
                    child = key_node if (key and last) else value_node
        elif isinstance(node, yaml.SequenceNode) and str(token).isdigit():
            index = int(token)
            child = node.value[index] if index < len(node.value) else None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1
