"""The jinja2 environments every generated file is rendered with.

Schema text must never become code. Python templates (``*.py.jinja2``) get their own
environment whose ``finalize`` refuses any value that has not passed through one of its
escaping filters (``py``: a literal; ``ident``: a checked identifier; ``doc``: the inside of a
docstring): a ``{{ x }}`` without a filter fails the render instead of pasting raw text into
code. The only other value allowed is the header, checked to be comment lines. Markdown text
goes through ``md`` (table cells, headings), ``md_code`` (code spans) and ``md_fence`` (code
blocks); HTML templates autoescape.
"""

from __future__ import annotations

import json
import keyword
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"
PYTHON_SUFFIX = ".py.jinja2"


class UnsafeTemplateValue(ValueError):
    """A value cannot be rendered into a generated file safely."""


class PyCode(str):
    """Text that is safe to paste into Python source as it stands."""

    __slots__ = ()


_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _py_string(text: str) -> str:
    """A double-quoted Python string literal for any ``str`` (lone surrogates included):
    printable characters as they are, everything else as an escape."""
    out = ['"']
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:
            code = ord(char)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
    out.append('"')
    return "".join(out)


def _literal(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return _py_string(value)
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    raise UnsafeTemplateValue(f"no Python literal for {type(value).__name__} {value!r:.60}")


def _py(value: Any) -> PyCode:
    """A Python literal for a str, None, bool, int, finite float, or a tuple/list of them."""
    return PyCode(_literal(value))


def _ident(value: Any) -> PyCode:
    """``value`` as (part of) a Python identifier, refused unless it is an ASCII identifier
    that is not a keyword."""
    if not (
        isinstance(value, str)
        and value.isascii()
        and value.isidentifier()
        and not keyword.iskeyword(value)
    ):
        raise UnsafeTemplateValue(f"{value!r:.80} is not a Python identifier")
    return PyCode(value)


def _doc(value: Any) -> PyCode:
    """Text for inside a triple-quoted docstring: the body of a string literal."""
    if not isinstance(value, (str, int)) and value is not None:
        raise UnsafeTemplateValue(f"no docstring text for {type(value).__name__}")
    return PyCode(_py_string(str(value))[1:-1])


def _finalize(value: Any) -> Any:
    if isinstance(value, PyCode):
        return value
    raise UnsafeTemplateValue(
        f"{value!r:.60} reaches a Python template without the py, ident or doc filter"
    )


_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _one_line(text: Any) -> str:
    return _LINE_BREAKS.sub(" ", str(text))


def _md(text: Any) -> str:
    """Text safe inside a Markdown table cell, heading or list item: one line, no raw HTML,
    no pipe that ends the cell."""
    one = _one_line(text).replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    return one.replace("|", "\\|")


def _md_code(text: Any) -> str:
    """A Markdown code span holding ``text`` (usable in a table cell)."""
    one = _one_line(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", one)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if one.startswith(("`", " ")) or one.endswith(("`", " ")) else ""
    return f"{fence}{pad}{one}{pad}{fence}"


def _md_fence(text: Any, info: str = "") -> str:
    """A fenced Markdown code block holding ``text``; the fence is longer than any run of
    backticks inside, so nothing in the text can close it."""
    body = str(text) if str(text).endswith("\n") else f"{text}\n"
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}{fence}"


def _camel_breaks(text: str) -> Markup:
    """HTML: the text escaped, with a line-break opportunity before each inner capital, so
    that ``MulticlassClassification`` wraps as ``Multiclass|Classification``."""
    parts = re.split(r"(?<=[a-z])(?=[A-Z])", text)
    return Markup("<wbr>").join(escape(part) for part in parts)


TEXT_FILTERS = {
    "md": _md,
    "md_code": _md_code,
    "md_fence": _md_fence,
    "json": lambda v: json.dumps(v, indent=2, ensure_ascii=False),
    "camel_breaks": _camel_breaks,
}
PYTHON_FILTERS = {"py": _py, "ident": _ident, "doc": _doc}


def _environment(**options: Any) -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        **options,
    )


@cache
def text_environment() -> Environment:
    env = _environment(autoescape=select_autoescape(["html", "html.jinja2"], default=False))
    env.filters.update(TEXT_FILTERS)
    return env


@cache
def python_environment() -> Environment:
    env = _environment(autoescape=False, finalize=_finalize)
    env.filters.update(PYTHON_FILTERS)
    return env


def python_header(header: str) -> PyCode:
    """The header of a generated Python file, refused unless every line is a comment."""
    lines = header.split("\n")
    if any(not line.startswith("#") or _LINE_BREAKS.search(line) for line in lines):
        raise UnsafeTemplateValue("a Python header must be comment lines only")
    return PyCode(header)


def render(template: str, **context: Any) -> str:
    if template.endswith(PYTHON_SUFFIX):
        if "header" in context:
            context["header"] = python_header(context["header"])
        return python_environment().get_template(template).render(**context)
    return text_environment().get_template(template).render(**context)
