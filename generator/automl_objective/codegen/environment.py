"""The one jinja2 environment every generated file is rendered with."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"


def _py(value: Any) -> str:
    """A Python literal for a str, None, bool, int, or a tuple/list of them."""
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_py(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid Python string
    return repr(value)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _camel_breaks(text: str) -> Markup:
    """HTML: the text escaped, with a line-break opportunity before each inner capital, so
    that ``MulticlassClassification`` wraps as ``Multiclass|Classification``."""
    parts = re.split(r"(?<=[a-z])(?=[A-Z])", text)
    return Markup("<wbr>").join(escape(part) for part in parts)


FILTERS = {
    "py": _py,
    "md": _md,
    "json": lambda v: json.dumps(v, indent=2, ensure_ascii=False),
    "camel_breaks": _camel_breaks,
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "html.jinja2"], default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(FILTERS)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
