"""AWS's per-problem-type metric lists and defaults, read from the documentation of
``AutoMLJobObjective.MetricName`` in the sagemaker service model.

AWS states these rules only in prose: nested HTML lists such as "For tabular problem types:
List of available metrics: Regression: <code>MAE</code>, ...". The reader walks the list
items, not the wording: an item's label (its own text before the first colon) either names
problem types (matched word by word against the names it is given, so "image or text
classification" names ImageClassification and TextClassification) or says what the
``<code>`` values under it are ("available metrics" or "default"). Whitespace, extra markup
and item order do not matter; a documentation with no list this can read is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from automl_objective.base.quoting import printable


class DocumentationShapeError(ValueError):
    """The documentation has no per-problem-type metric list this reader understands."""


@dataclass
class _Item:
    text: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)

    @property
    def label(self) -> str:
        return " ".join("".join(self.text).split()).split(":", 1)[0]


class _ListReader(HTMLParser):
    """Builds the tree of ``<li>`` items; text goes to the innermost open item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Item()
        self._open: list[_Item] = [self.root]
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            item = _Item()
            self._open[-1].children.append(item)
            self._open.append(item)
        elif tag == "code":
            self._code = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and len(self._open) > 1:
            self._open.pop()
        elif tag == "code" and self._code is not None:
            value = printable(" ".join("".join(self._code).split()))
            if value:
                self._open[-1].codes.append(value)
            self._code = None

    def handle_data(self, data: str) -> None:
        self._open[-1].text.append(data)
        if self._code is not None:
            self._code.append(data)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.casefold()))


def _name_words(name: str) -> frozenset[str]:
    """``TimeSeriesForecasting`` -> {time, series, forecasting}."""
    return _words(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name))


@dataclass
class DocumentedRules:
    """What the documentation states, by problem type (values as written, aliases mapped
    by the caller)."""

    allowed: dict[str, list[str]] = field(default_factory=dict)
    defaults: dict[str, list[str]] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # problem types named with no list
    unplaced: list[str] = field(default_factory=list)  # labels of lists naming no type


def _kind(label: str) -> str | None:
    words = _words(label)
    if "default" in words:
        return "default"
    if words & {"metric", "metrics"}:
        return "allowed"
    return None


def _problem_types(label: str, names: Iterable[str]) -> list[str]:
    words = _words(label)
    return [name for name in names if _name_words(name) <= words]


def _read_item(
    item: _Item, names: tuple[str, ...], types: list[str], kind: str | None, out: DocumentedRules
) -> tuple[list[str], str | None]:
    """Record what ``item`` states; the problem types and kind its children inherit."""
    label = item.label
    named = _problem_types(label, names) if item.codes or item.children else []
    types = named or types
    kind = _kind(label) or kind
    if named and kind is None:
        out.named.update(named)
    if item.codes and kind is not None:
        if not types:
            out.unplaced.append(label)
        target = out.defaults if kind == "default" else out.allowed
        for name in types:
            target.setdefault(name, []).extend(item.codes)
    return types, kind


def _walk(root: _Item, names: tuple[str, ...], out: DocumentedRules) -> None:
    """Every item under ``root``, in document order, each with what its ancestors named.
    Iterative: AWS's HTML (or a hostile model) may nest lists thousands deep."""
    stack: list[tuple[_Item, list[str], str | None]] = [
        (child, [], None) for child in reversed(root.children)
    ]
    while stack:
        item, types, kind = stack.pop()
        types, kind = _read_item(item, names, types, kind, out)
        stack.extend((child, types, kind) for child in reversed(item.children))


def list_tree(html: str) -> _Item:
    """The tree of ``<li>`` items of ``html`` (its root holds the outermost ones);
    ``DocumentationShapeError`` for what html.parser cannot read."""
    reader = _ListReader()
    try:
        reader.feed(html)
        reader.close()
    except AssertionError as error:  # how html.parser refuses e.g. "<![x" (CPython 3.11-3.13)
        raise DocumentationShapeError(f"is not HTML this reader can parse ({error})") from None
    return reader.root


def documented_rules(html: str, problem_types: Iterable[str]) -> DocumentedRules:
    """The lists and defaults stated in ``html`` for the given problem-type names;
    ``DocumentationShapeError`` when it states none."""
    root = list_tree(html)
    out = DocumentedRules()
    names = tuple(dict.fromkeys(problem_types))
    _walk(root, names, out)
    if not out.allowed:
        raise DocumentationShapeError(
            "states no per-problem-type list of metrics that this reader understands "
            "(nested <li> items labelled with a problem type and 'available metrics')"
        )
    out.named -= set(out.allowed)
    return out


def map_aliases(values: Iterable[str], aliases: Mapping[str, str]) -> list[str]:
    """Values with AWS's prose names (``wQL``) replaced by the metric they stand for
    (casefolded lookup), each once, in first-seen order."""
    mapped = (aliases.get(value.casefold(), value) for value in values)
    return list(dict.fromkeys(mapped))
