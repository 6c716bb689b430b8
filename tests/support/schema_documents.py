"""Documents generated from the schemas themselves, for comparing engines.

:func:`sites` walks a schema (every branch: ``allOf``, ``if``/``then``/``else``, ``x-warn``,
``$ref`` ...) and notes, at each member path, what the schema says there: enum and const
values, types, required members, closed objects and the member names a ``propertyNames``
allows. :func:`mutations` turns a seed document into one document per thing said: every enum
value at every enum, every const an ``if`` tests, every required member dropped, every closed
object given an unknown member, every value of the wrong type. A rule added to the schema adds
its own documents, with no list to keep by hand.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from automl_objective.base.schema import load_aws_index, load_aws_schema, load_schema
from automl_objective.inputs.document import LoadError
from automl_objective.inputs.syntax import load_path
from tests.support.paths import EXAMPLES, FIXTURES
from tests.support.requests import filled_v2

JsonPath = tuple[str | int, ...]
WRONG_TYPES: tuple[Any, ...] = (None, 12345, 2.5, "text", True, [], {})
UNKNOWN = "UnlistedMember"


@dataclass
class Site:
    """What the schema says about the value at one member path (over all its branches)."""

    values: list[Any] = field(default_factory=list)
    required: set[str] = field(default_factory=set)
    closed: set[str] = field(default_factory=set)
    key_names: list[str] = field(default_factory=list)
    typed: bool = False


@dataclass
class _Walk:
    defs: dict[str, Any]
    found: dict[JsonPath, Site] = field(default_factory=dict)

    def site(self, path: JsonPath) -> Site:
        return self.found.setdefault(path, Site())

    def node(self, schema: Any, path: JsonPath, refs: tuple[str, ...]) -> None:
        if not isinstance(schema, dict) or len(path) > 8:
            return
        self._facts(schema, path)
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/") and ref not in refs:
            self.node(self.defs.get(ref.removeprefix("#/$defs/")), path, (*refs, ref))
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(keyword, ()):
                self.node(sub, path, refs)
        for keyword in ("if", "then", "else", "not", "x-warn"):
            self.node(schema.get(keyword), path, refs)
        for key, sub in schema.get("properties", {}).items():
            self.node(sub, (*path, key), refs)
        self.node(schema.get("items"), (*path, 0), refs)
        self.node(schema.get("propertyNames"), (*path, "<key>"), refs)

    def _facts(self, schema: dict[str, Any], path: JsonPath) -> None:
        site = self.site(path)
        site.values.extend(v for v in schema.get("enum", ()) if v not in site.values)
        if "const" in schema and schema["const"] not in site.values:
            site.values.append(schema["const"])
        site.required.update(schema.get("required", ()))
        if schema.get("additionalProperties") is False:
            site.closed.update(schema.get("properties", {}))
        site.typed = site.typed or "type" in schema
        if path and path[-1] == "<key>":
            parent = self.site(path[:-1])
            parent.key_names.extend(k for k in schema.get("enum", ()) if k not in parent.key_names)


def sites(schema: dict[str, Any], root: Any | None = None) -> dict[JsonPath, Site]:
    """Every member path ``root`` (default: the whole schema) reaches, with its facts."""
    walk = _Walk(schema.get("$defs", {}))
    walk.node(schema if root is None else root, (), ())
    return {path: site for path, site in walk.found.items() if "<key>" not in path}


def _holds(node: Any, token: str | int) -> bool:
    """Whether ``node[token]`` is a member of an object or an item of an array."""
    if isinstance(node, dict):
        return isinstance(token, str) and token in node
    return isinstance(node, list) and isinstance(token, int) and token < len(node)


def _get(document: Any, path: JsonPath) -> Any:
    for token in path:
        if not _holds(document, token):
            raise KeyError(path)
        document = document[token]
    return document


def with_value(document: Any, path: JsonPath, value: Any) -> Any | None:
    """A copy of ``document`` with ``value`` at ``path`` (missing objects made on the way),
    or None where the path cannot be made (through a list or a non-object)."""
    result = copy.deepcopy(document)
    if not path:
        return copy.deepcopy(value)
    node = result
    for token in path[:-1]:
        if isinstance(node, dict) and isinstance(token, str):
            node = node.setdefault(token, {})
        elif isinstance(node, list) and isinstance(token, int) and token < len(node):
            node = node[token]
        else:
            return None
    last = path[-1]
    if not (_holds(node, last) or (isinstance(node, dict) and isinstance(last, str))):
        return None
    node[last] = copy.deepcopy(value)
    return result


def mutations(seed: Any, found: dict[JsonPath, Site]) -> Iterator[Any]:
    """One document per fact of every site (see the module docstring)."""
    for path, site in found.items():
        for value in site.values:
            yield with_value(seed, path, value)
        if site.typed:
            for wrong in WRONG_TYPES:
                yield with_value(seed, path, wrong)
        try:
            here = _get(seed, path)
        except KeyError:
            here = None
        if isinstance(here, dict):
            for member in sorted(site.required & here.keys()):
                yield with_value(seed, path, {k: v for k, v in here.items() if k != member})
            if site.closed:
                yield with_value(seed, path, {**here, UNKNOWN: 1})
                near = sorted(site.closed)[0]
                yield with_value(seed, path, {**here, near.lower() + "s": 1})
            for key in site.key_names:
                yield with_value(seed, path, {**here, key: {}})


def documents(seeds: list[Any], found: dict[JsonPath, Site]) -> list[Any]:
    """Every mutation of every seed, each once."""
    import json

    unique: dict[str, Any] = {}
    for seed in seeds:
        for document in (seed, *mutations(seed, found)):
            if document is not None:
                unique.setdefault(json.dumps(document, sort_keys=True), document)
    return list(unique.values())


def strategy(found: dict[JsonPath, Site], odd_values: Any, seeds: list[Any]) -> Any:
    """A hypothesis strategy of documents built member by member from the schema's sites,
    from an empty object or one of ``seeds``: each drawn path gets one of the values the
    schema names there (most often), an odd value, an empty object, or (at a closed object)
    an unknown member; no member name is listed by hand."""
    from hypothesis import strategies as st

    paths = sorted((p for p in found if all(isinstance(t, str) for t in p) and p), key=str)
    closed = sorted((p for p in paths if found[p].closed), key=str)

    @st.composite
    def build(draw: Any) -> Any:
        document: Any = draw(st.sampled_from([{}, *seeds]))
        for path in draw(st.lists(st.sampled_from(paths), max_size=4)):
            values = found[path].values
            choices = [st.sampled_from(values)] * 3 if values else []
            value = draw(st.one_of(*choices, odd_values, st.just({})))
            document = with_value(document, path, value) or document
        if closed and draw(st.integers(0, 3)) == 0:
            path = draw(st.sampled_from(closed))
            near = sorted(found[path].closed)[0]
            name = draw(st.sampled_from([UNKNOWN, near.lower(), near + "s"]))
            document = with_value(document, (*path, name), 1) or document
        return document

    return build()


# Documents made from the seeds the project keeps: fixtures, examples, a filled-in request.


def _seeds(folders: list[Path]) -> list[Any]:
    seeds = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".json", ".yaml"):
                try:
                    seeds.append(load_path(path).data)
                except LoadError:
                    continue
    return seeds


@cache
def canonical_documents() -> list[Any]:
    seeds = _seeds([FIXTURES / "valid", EXAMPLES])
    return documents(seeds, sites(load_schema()))


@cache
def aws_documents() -> list[Any]:
    seeds = [filled_v2(), *_seeds([FIXTURES / "valid", EXAMPLES])]
    whole = [s for s in seeds if isinstance(s, dict) and "AutoMLJobName" in s]
    found = {}
    for entry in load_aws_index()["kinds"]:
        aws = load_aws_schema(entry["file"])
        found.update(sites(aws, aws["$defs"][entry["shape"]]))
    return documents(whole, found)
