"""Turn a file (or stdin) into a parsed document that can say where each value came from.

JSON is parsed with the standard library; YAML with PyYAML's safe loader, keeping the composed
node tree for positions. A document that cannot be parsed raises :class:`LoadError`, which
carries the position of the problem.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from automl_objective.positions import Position, locate_json

if TYPE_CHECKING:
    import yaml

Format = Literal["json", "yaml"]
YAML_SUFFIXES = (".yaml", ".yml")
STDIN_NAME = "-"


@dataclass
class LoadError(Exception):
    """A document that could not be read or parsed; ``line``/``column`` are 1-based or None."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    code: str = "parse-error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Document:
    """A parsed document and what is needed to locate a JSON Pointer in its source.

    ``source`` may stay raw bytes: it is decoded only when a finding needs a position, so a
    valid document never pays for it.
    """

    path: str
    data: Any
    source: str | bytes
    format: Format
    _yaml_root: yaml.Node | None = field(default=None, repr=False)

    @cached_property
    def text(self) -> str:
        if isinstance(self.source, str):
            return self.source
        return self.source.decode("utf-8-sig", errors="replace")

    def locate(self, path: Sequence[str | int], *, key: bool = False) -> Position | None:
        """1-based (line, column) of the value at ``path``, or of its member name."""
        if self.format == "yaml":
            return _locate_yaml(self._yaml_root, path, key=key)
        return locate_json(self.text, path, key=key)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _fast_loads() -> Callable[[bytes | str], Any] | None:
    """orjson's parser where it is installed (an optional speed-up), else None."""
    try:
        import orjson
    except ImportError:
        return None
    loads: Callable[[bytes | str], Any] = orjson.loads
    return loads


_FAST_LOADS = _fast_loads()


def parse_json(path: str, source: str | bytes) -> Document:
    """Parse JSON. orjson, when installed, parses first; on any refusal the standard library
    parses again, for its positioned message or because it accepts what orjson does not."""
    if _FAST_LOADS is not None:
        try:
            return Document(path, _FAST_LOADS(source), source, "json")
        except ValueError:
            pass
    text = decode(path, source) if isinstance(source, bytes) else source
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise LoadError(path, f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
    except ValueError as error:
        raise LoadError(path, f"invalid JSON: {error}") from None
    return Document(path, data, text, "json")


def parse_yaml(path: str, text: str) -> Document:
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise LoadError(path, f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as error:
        raise LoadError(path, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    return Document(path, data, text, "yaml", root)


def detect_format(path: str, head: bytes | str) -> Format:
    if path.lower().endswith(YAML_SUFFIXES):
        return "yaml"
    if path.lower().endswith(".json"):
        return "json"
    if isinstance(head, bytes):
        head = head[:64].decode("utf-8", errors="replace")
    return "json" if head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def parse_source(path: str, source: str | bytes, format: Format | None = None) -> Document:
    """Parse a document from its text or raw bytes."""
    if isinstance(source, str):
        source = source.removeprefix("\ufeff")
    chosen = format or detect_format(path, source)
    if not source.strip():
        raise LoadError(path, "empty document", code="empty-document")
    if chosen == "json":
        return parse_json(path, source)
    text = decode(path, source) if isinstance(source, bytes) else source
    return parse_yaml(path, text.removeprefix("\ufeff"))


def parse_text(path: str, text: str, format: Format | None = None) -> Document:
    return parse_source(path, text, format)


def decode(path: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise LoadError(path, f"not UTF-8 text (byte {error.start})", line) from None


def load_path(
    path: str | Path, display: str | None = None, format: Format | None = None
) -> Document:
    """Read and parse one file. Raises :class:`LoadError` with a user-facing message."""
    name = display or str(path)
    try:
        with open(path, "rb") as handle:  # plain open(): pathlib's read_bytes costs more
            raw = handle.read()
    except IsADirectoryError:
        raise LoadError(name, "is a directory", code="unreadable") from None
    except FileNotFoundError:
        raise LoadError(name, "no such file", code="unreadable") from None
    except OSError as error:
        raise LoadError(
            name, f"cannot read: {error.strerror or error}", code="unreadable"
        ) from None
    return parse_source(name, raw, format)


def _locate_yaml(
    node: yaml.Node | None, path: Sequence[str | int], *, key: bool
) -> Position | None:
    if node is None:
        return None
    for depth, token in enumerate(path):
        last = depth == len(path) - 1
        child = None
        if node.tag.endswith(":map"):
            for key_node, value_node in node.value:
                if str(key_node.value) == str(token):
                    child = key_node if (key and last) else value_node
        elif node.tag.endswith(":seq") and str(token).isdigit() and int(token) < len(node.value):
            child = node.value[int(token)]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1
