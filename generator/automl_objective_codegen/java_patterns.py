"""AWS's patterns, read as AWS's (Java) server reads them, rewritten for Python and ECMA-262.

botocore's patterns are Java regular expressions, and AWS matches a whole value against one.
Read by Python's ``re`` they mean something else: ``\\d`` takes any Unicode digit, ``$`` matches
before a final newline, ``.`` takes ``\\r`` and U+2028. So each pattern is translated, once, at
generate time, into a body spelt with explicit classes only (``[0-9]``, never ``\\d``) that means
the same to Java, to Python's ``re`` (or ``regex``, for ``\\p{..}``) and to ECMA-262 with the
``u`` flag (what editors run). A construct the translator does not know is refused, by name:
a silent approximation would judge documents differently from AWS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Java's line terminators: what "." does not match, and what "$" may stand before.
_TERMINATORS = r"\n\r\u0085\u2028\u2029"
_DIGIT = "0-9"
_WORD = "a-zA-Z0-9_"
_SPACE = r"\t\n\x0B\f\r "  # Java's \s: [ \t\n\x0B\f\r]
_SHORTHANDS = {"d": _DIGIT, "w": _WORD, "s": _SPACE}
_CONTROL = {"t": r"\t", "n": r"\n", "r": r"\r", "f": r"\f"}
# Characters a translated pattern keeps escaped (syntax in ECMA-262 or Python outside a class).
_SYNTAX = set("^$\\.*+?()[]{}|/")
_CLASS_SYNTAX = set("\\]^-[")
# Java's "$" without MULTILINE: the end of the input, or before a line terminator ending it.
END = rf"(?=(?:\r\n|[{_TERMINATORS}])?(?![\s\S]))"
# What a schema's (searching) "pattern" needs to match the whole value, as AWS does.
WHOLE_VALUE = "^(?:{body})(?![\\s\\S])"
_CATEGORIES = {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "N", "Nd", "Nl", "No", "Z", "Zs", "Zl", "Zp"}


class UntranslatablePattern(ValueError):
    """A pattern uses a Java construct this translator cannot carry over exactly."""


@dataclass
class Translation:
    """One pattern's translation and what a plain description of it needs."""

    body: str
    unicode_classes: bool = False  # uses \\p{..}: Python needs the regex library
    # For the plain description: characters allowed, in order, when the pattern only ever
    # takes characters from explicit sets (None when it does not: a literal word, ".").
    charset: list[str] | None = field(default_factory=list)
    first: list[str] | None = None  # the set the first character must come from, if fixed


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.at = 0
        self.out = Translation("")
        self.depth = 0

    def fail(self, what: str) -> UntranslatablePattern:
        return UntranslatablePattern(
            f"pattern {self.pattern}: cannot translate {what} (at offset {self.at})"
        )

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.pattern[index] if index < len(self.pattern) else ""

    def take(self) -> str:
        char = self.peek()
        self.at += 1
        return char

    def note(self, items: list[str] | None) -> None:
        charset = self.out.charset
        if items is None or charset is None:
            self.out.charset = None
            return
        charset.extend(item for item in items if item not in charset)


def translate(pattern: str) -> Translation:
    """The pattern's body for Python (``fullmatch``) and, wrapped in :data:`WHOLE_VALUE`, for a
    JSON Schema ``pattern``; raises :class:`UntranslatablePattern`."""
    reader = _Reader(pattern)
    parts: list[str] = []
    while reader.peek():
        start = len(parts)
        parts.append(_atom(reader))
        if reader.out.first is None and start == 0 and not _optional_next(reader):
            reader.out.first = list(reader.out.charset or []) or None
        parts.append(_quantifier(reader))
    if reader.depth:
        raise reader.fail("an unclosed group")
    reader.out.body = "".join(parts)
    return reader.out


def _optional_next(reader: _Reader) -> bool:
    return reader.peek() in ("*", "?") or reader.pattern.startswith("{0", reader.at)


def _atom(reader: _Reader) -> str:
    char = reader.take()
    if char == "\\":
        return _escape(reader)
    if char == "[":
        return _class(reader)
    if char == ".":
        reader.note(None)
        return f"[^{_TERMINATORS}]"
    if char == "$":
        return END
    if char == "^":
        return "^"
    if char == "(":
        return _group_open(reader)
    if char == ")":
        reader.depth -= 1
        if reader.depth < 0:
            raise reader.fail("an unmatched ')'")
        return ")"
    if char == "|":
        reader.out.first = None  # alternatives: the first character is not one set
        return "|"
    if char in "*+?{":
        raise reader.fail(f"a quantifier {char!r} with nothing to repeat")
    if char in "]}":
        reader.note([char])
        return "\\" + char
    reader.note(None if char.isalnum() else [char])
    return char


def _group_open(reader: _Reader) -> str:
    reader.depth += 1
    if reader.peek() != "?":
        return "("
    construct = reader.pattern[reader.at : reader.at + 2]
    if construct in ("?:", "?=", "?!"):
        reader.at += 2
        return "(" + construct
    raise reader.fail(f"the group construct '({construct}'")


def _quantifier(reader: _Reader) -> str:
    char = reader.peek()
    if char in ("*", "+", "?"):
        reader.take()
        text = char
    elif char == "{":
        end = reader.pattern.find("}", reader.at)
        text = reader.pattern[reader.at : end + 1] if end > 0 else "{"
        low, _, high = text[1:-1].partition(",")
        if not low.isdigit() or not (high.isdigit() or high == ""):
            raise reader.fail(f"the repetition {text!r}")
        reader.at = end + 1
    else:
        return ""
    if reader.peek() == "+":
        raise reader.fail("a possessive quantifier")
    if reader.peek() == "?":
        reader.take()
        text += "?"
    return text


def _escape(reader: _Reader) -> str:
    char = reader.take()
    if char in _SHORTHANDS:
        reader.note([_SHORTHANDS[char]])
        return f"[{_SHORTHANDS[char]}]"
    if char in ("D", "W", "S"):
        reader.note(None)
        return f"[^{_SHORTHANDS[char.lower()]}]"
    if char in _CONTROL:
        reader.note(None)
        return _CONTROL[char]
    if char in ("p", "P"):
        text = _category(reader, char)
        reader.note(None)
        return text
    if not char or char.isalnum():
        raise reader.fail(f"the escape '\\{char}'")
    reader.note([char])
    return "\\" + char if char in _SYNTAX else char


def _category(reader: _Reader, letter: str) -> str:
    if reader.peek() != "{":
        raise reader.fail(f"the escape '\\{letter}' without braces")
    end = reader.pattern.find("}", reader.at)
    name = reader.pattern[reader.at + 1 : end] if end > 0 else ""
    if name not in _CATEGORIES:
        raise reader.fail(f"the class '\\{letter}{{{name}}}'")
    reader.at = end + 1
    reader.out.unicode_classes = True
    return f"\\{letter}{{{name}}}"


def _class(reader: _Reader) -> str:
    """A Java character class, as a class (plus alternatives for negated shorthands)."""
    negated = reader.peek() == "^"
    if negated:
        reader.take()
    items: list[str] = []
    excluded: list[str] = []  # \\D \\W \\S inside: [^...] alternatives
    described: list[str] | None = []
    first = True
    while (char := _class_next(reader, first)) is not None:
        first = False
        item, kind = _class_item(reader, char, items)
        if kind == "excluded":
            excluded.append(item)
            described = None
            continue
        if described is not None:
            described.append(item if kind != "category" else "")
            if kind == "category":
                described = None
        items.append(item)
    if negated and excluded:
        raise reader.fail("a negated class holding \\D, \\W or \\S")
    reader.note(None if negated else described)
    if not excluded:
        return f"[{'^' if negated else ''}{''.join(items)}]"
    options = ([f"[{''.join(items)}]"] if items else []) + [f"[^{e}]" for e in excluded]
    return f"(?:{'|'.join(options)})"


def _class_next(reader: _Reader, first: bool) -> str | None:
    """The next character of a class, None at its end; what Python cannot carry is refused."""
    char = reader.take()
    if not char:
        raise reader.fail("an unclosed '['")
    if char == "]" and not first:
        return None
    if char == "]" or char == "[" or (char == "&" and reader.peek() == "&"):
        raise reader.fail(f"{char!r} inside a class (nested classes, intersections)")
    return char


def _class_item(reader: _Reader, char: str, items: list[str]) -> tuple[str, str]:
    """One item of a class starting at ``char``: an escape, a character or a range."""
    if char == "\\":
        item, kind = _class_escape(reader)
    elif char == "-" and items and reader.peek() not in ("]", ""):
        raise reader.fail("a range that does not start with a character")
    else:
        item, kind = _class_char(char), "char"
    if kind == "char" and reader.peek() == "-" and reader.peek(1) not in ("]", ""):
        reader.take()
        end_char = reader.take()
        end_item, end_kind = (
            _class_escape(reader) if end_char == "\\" else (_class_char(end_char), "char")
        )
        if end_kind != "char":
            raise reader.fail("a range that does not end with a character")
        item = f"{item}-{end_item}"
    return item, kind


def _class_char(char: str) -> str:
    return "\\" + char if char in _CLASS_SYNTAX else char


def _class_escape(reader: _Reader) -> tuple[str, str]:
    char = reader.take()
    if char in _SHORTHANDS:
        return _SHORTHANDS[char], "set"
    if char in ("D", "W", "S"):
        return _SHORTHANDS[char.lower()], "excluded"
    if char in _CONTROL:
        return _CONTROL[char], "set"
    if char in ("p", "P"):
        return _category(reader, char), "category"
    if not char or char.isalnum():
        raise reader.fail(f"the escape '\\{char}' inside a class")
    return _class_char(char), "char"


_WORDS = {
    "0-9": ("digits", "a digit"),
    "-": ("hyphens (-)", "a hyphen"),
    "_": ("underscores (_)", "an underscore"),
    ".": ("dots (.)", "a dot"),
}


def _words(items: list[str]) -> tuple[list[str], list[str]] | None:
    """Plural and singular words for a character set's items; None if one has no words."""
    plain = [item.removeprefix("\\") if len(item) == 2 else item for item in items]
    plural: list[str] = []
    singular: list[str] = []
    letters = {"a-z", "A-Z"} <= set(plain)
    for item in plain:
        if item in ("a-z", "A-Z"):
            if letters and "letters" not in plural:
                plural.append("letters")
                singular.append("a letter")
            elif not letters:
                case = "lowercase" if item == "a-z" else "capital"
                plural.append(f"{case} letters")
                singular.append(f"a {case} letter")
        elif item in _WORDS:
            plural.append(_WORDS[item][0])
            singular.append(_WORDS[item][1])
        elif len(item) == 1 and item.isprintable() and not item.isspace():
            plural.append(f"'{item}'")
            singular.append(f"'{item}'")
        else:
            return None
    return plural, singular


def _join(words: list[str], last: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def describe(translation: Translation) -> str | None:
    """What a pattern allows, in plain words, when it only takes characters from explicit
    sets: "letters, digits and hyphens (-), starting with a letter or digit"; else None."""
    if not translation.charset:
        return None
    words = _words(translation.charset)
    if words is None:
        return None
    text = "only " + _join(words[0], "and")
    first = _words(translation.first) if translation.first else None
    if first is not None and first[0] != words[0]:
        text += ", starting with " + _join(first[1], "or")
    return text


def fullmatch_body(pattern: str) -> str | None:
    """What the generated checks run with ``re.fullmatch`` in place of ``re.search`` of a
    schema ``pattern``, or None where they search it as written.

    The rule: a pattern written as :data:`WHOLE_VALUE` around a body that compiles on its own
    (so the wrapper's group is the one that closes at its end) and refers to no group (no
    ``\\1``, no ``(?P=``) is that body, each capturing group made non-capturing. Searching
    ``^(?:body)(?![\\s\\S])`` finds a match only from the start to the end of the value,
    which is what ``fullmatch`` of the body finds; a group that captures nothing anyone reads
    changes no answer, only the time (a capture inside a repetition is the dearest part of
    the job name's pattern, measured). Java's ``.`` (:data:`ANY`) is spelt
    :data:`ANY_COMPILED_FAST` there: the same characters."""
    start, end = WHOLE_VALUE.split("{body}")
    if not (pattern.startswith(start) and pattern.endswith(end)):
        return None
    body = pattern[len(start) : len(pattern) - len(end)]
    try:
        re.compile(body)
    except re.error:
        return None
    out: list[str] = []
    at, in_class = 0, False
    while at < len(body):
        token = _next_token(body, at, in_class)
        if token is None:
            return None
        taken, written = token
        if in_class:
            in_class = taken != "]"
        elif taken.startswith("[") and taken != ANY:
            in_class = True
        out.append(written)
        at += len(taken)
    return "".join(out)


_CLASS_OPENINGS = ("[^]", "[^", "[]", "[")
"""How a class may open: a "]" first in it is one of its characters."""


ANY = f"[^{_TERMINATORS}]"
"""Java's ``.`` as :func:`translate` writes it: any character but a line terminator."""
ANY_COMPILED_FAST = r"(?:(?![\u2028\u2029])[^\n\r\u0085])"
"""The same characters, as Python compiles it in a fraction of the time: a class mixing
characters below and above U+0100 in more than two runs makes ``re``'s compiler build and
compress a bitmap of 65,536 characters (1.35 M instructions, against 0.5 M; a cold
``validate`` of a request with an S3 URI compiles one)."""


def _next_token(body: str, at: int, in_class: bool) -> tuple[str, str] | None:
    """The text at ``at`` (an escape, a class's opening, a group's opening, Java's ``.`` or
    one character) and what it is written as without captures; None for a reference to a
    group."""
    if body.startswith("\\", at):
        escaped = body[at : at + 2]
        return None if not in_class and escaped[1:].isdigit() else (escaped, escaped)
    if in_class:
        return body[at], body[at]
    if body.startswith(ANY, at):
        return ANY, ANY_COMPILED_FAST
    if body.startswith("[", at):
        opening = next(o for o in _CLASS_OPENINGS if body.startswith(o, at))
        return opening, opening
    if body.startswith("(?P=", at):
        return None
    if body.startswith("(", at) and not body.startswith("(?", at):
        return "(", "(?:"
    return body[at], body[at]
