"""What a CloudFormation template holds (the template kind, :mod:`.templates`, reads a
template with it): the AutoML requests of its resources, each located where the template
writes it.

- an ``AWS::SageMaker::AutoMLJob`` resource's ``Properties``: a CreateAutoMLJob (V1)
  request, as the CloudFormation Template Reference documents the resource. CloudFormation
  names the job itself, so the request's ``AutoMLJobName`` is known only once deployed;
- the state machine of an ``AWS::StepFunctions::StateMachine`` (``Definition``, or
  ``DefinitionString`` written as a string, ``Fn::Sub`` or ``Fn::Join``) or an
  ``AWS::Serverless::StateMachine`` (``Definition``, or a local ``DefinitionUri`` file),
  read as the state machine kind reads one;
- the pipeline of an ``AWS::SageMaker::Pipeline`` (``PipelineDefinitionBody``), read as the
  pipeline kind reads one;
- the Python code of an ``AWS::Lambda::Function`` (``Code.ZipFile``) or an
  ``AWS::Serverless::Function`` (``InlineCode``), read as a Python file is.

What the template fills in when deployed (``Ref``, ``Fn::GetAtt``, ``${Name}``, ``Fn::If``) is
dynamic. Findings inside a definition string or inline code point into the template
(:mod:`~automl_objective.inputs.embedded`). A template that holds no AutoML request is clean;
a key written twice is reported only inside an AutoML request.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any

from automl_objective.base.codes import Code
from automl_objective.base.dynamic import DYNAMIC, OpenArray, OpenObject, PartialText
from automl_objective.base.finding import Finding, json_pointer
from automl_objective.base.literal import LiteralText
from automl_objective.base.quoting import cut, json_type, shown
from automl_objective.inputs.definition import Prefix
from automl_objective.inputs.document import (
    Contents,
    Document,
    LoadError,
    Locator,
    Part,
    version_kind,
)
from automl_objective.inputs.embedded import (
    IN_CODE,
    IN_STRING,
    LITERAL_DOLLAR,
    UNKNOWN_CHARS,
    WHOLE_VALUE,
    Builder,
    Source,
    Text,
    holds_unknown,
)
from automl_objective.inputs.kind import InputKind
from automl_objective.inputs.positions import LINE_BREAKS, Position, Spot
from automl_objective.inputs.yaml_one_pass import UNPREFIXED_FUNCTIONS

AUTOML_MARKS = ("AutoML", "auto_ml")
"""Text that a definition or code holding an AutoML request cannot lack (``createAutoMLJob``,
``AutoMLJobObjective``, ``AutoML(``, ``create_auto_ml_job``, ``Session().auto_ml(``...: the
two the Python reader's quick test, :func:`.python.reader.mentions_automl`, looks for): one
without any is neither assembled nor read for its syntax (it is not ours to judge). Text
that is not ASCII is read anyway (Python reads a fullwidth letter as its ASCII letter)."""

_INLINE_CODE = "<inline code>"
Mapper = Callable[[list[Position | None]], list[Position | None]]


def _marked(value: Any, dynamic: Callable[[Any], bool]) -> Any:
    """``value`` with :data:`~automl_objective.base.dynamic.DYNAMIC` for what the template
    fills in (what ``dynamic`` says is), or a :class:`PartialText` where that is a string
    known in part; an open object or array of code read stays open."""
    if dynamic(value):  # a function the template alone decides is its text
        known: Any = None
        if isinstance(value, dict):
            known = known_text(value)
            known = _partly_known(value) if known is None else known
        elif isinstance(value, str):
            known = _in_string(value)
        return DYNAMIC if known is None else known
    if value.__class__ is PartialText and any(_unknown_in(piece) for piece in value.pieces):
        return DYNAMIC  # code's text the template writes into: it may end the string
    if isinstance(value, str) and LITERAL_DOLLAR in value:
        return LiteralText(value.replace(LITERAL_DOLLAR, "$"))
    if isinstance(value, dict):
        members = {key: _marked(item, dynamic) for key, item in value.items()}
        return OpenObject(members) if isinstance(value, OpenObject) else members
    if isinstance(value, list):
        items = [_marked(item, dynamic) for item in value]
        return OpenArray(items) if isinstance(value, OpenArray) else items
    return value


def known_text(value: Any) -> str | None:
    """The text a CloudFormation function gives when the template alone decides it: a string;
    ``Fn::Sub`` of a text naming no variable but its own string ones and
    ``AWS::Partition`` (``${!X}`` is the literal ``${X}``), in either form; ``Fn::Join`` of
    such texts. None for anything filled in at deployment."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    [(name, argument)] = value.items()
    if name == "Fn::Sub":
        found = _sub_pieces(argument)
        if found is None or found[1]:
            return None
        [text] = found[0]  # what Fn::Sub gives holds no placeholder to fill in
        return LiteralText(text) if "${" in text else text
    if name == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
        return _joined(*argument)
    return None


def _in_string(value: str) -> PartialText | None:
    """A string of a definition holding pieces the template fills in (:data:`IN_STRING`):
    the string known in part it is; None where a piece stands for a whole value or code."""
    if WHOLE_VALUE in value or IN_CODE in value:
        return None
    pieces = tuple(_FILLED_IN.split(value.replace(LITERAL_DOLLAR, "$")))
    if not any(pieces):
        return None  # nothing known of it
    return PartialText(pieces, shown("${...}".join(pieces)), ())


_FILLED_IN = re.compile(f"{IN_STRING}+")


def _unknown_in(text: str) -> bool:
    return any(char in text for char in UNKNOWN_CHARS)


def _partly_known(value: dict[str, Any]) -> PartialText | None:
    """``Fn::Sub`` of a string (its ``${Name}`` filled in by the template, unless a string
    variable of its own names it; ``${!Name}`` the literal ``${Name}``) or ``Fn::Join`` of
    such texts and other functions: the string known in part it gives, or None."""
    [(name, argument)] = value.items()
    read = _sub_pieces if name == "Fn::Sub" else _join_pieces if name == "Fn::Join" else None
    found = read(argument) if read is not None else None
    if found is None:
        return None
    pieces, fields, written = found
    if not fields or not any(pieces) or any(_unknown_in(piece) for piece in pieces):
        return None
    return PartialText(tuple(pieces), written, tuple(dict.fromkeys(fields)))


Pieces = tuple[list[str], list[str], str]
"""A text known in part: its known pieces, what fills each gap between two, how a message
shows it."""


def _sub_pieces(argument: Any) -> Pieces | None:
    """``Fn::Sub``'s text filled in as the template fills it (:meth:`Builder.substituted`,
    the rule a definition's ``Fn::Sub`` is filled in by): shown with what it leaves to fill
    in as written (``ftp://${X}``)."""
    variables: Any = {}
    if isinstance(argument, list) and len(argument) == 2:
        argument, variables = argument
    if not isinstance(argument, str) or not isinstance(variables, dict):
        return None
    given = [argument, *(value for value in variables.values() if isinstance(value, str))]
    if any(_unknown_in(text) for text in given):
        return None  # its own text would be taken for a piece left to fill in
    builder = Builder(json=False)  # (an unknown piece: IN_CODE, whatever the quotes)
    builder.substituted(Text(argument, list(range(len(argument)))), variables)
    chars, offsets = builder.text()
    pieces, fields, written = [""], [], []
    for unknown, run in groupby(range(len(chars)), key=lambda at: chars[at] == IN_CODE):
        at = list(run)
        if unknown:  # one or more ${Name} side by side, as written
            placeholders = argument[offsets[at[0]] : offsets[at[-1]] + 1]
            fields.extend(_SUBSTITUTED.findall(placeholders))
            pieces.append("")
            written.append(placeholders)
        else:
            pieces[-1] = text = "".join(chars[index] for index in at)
            written.append(text)
    return pieces, fields, shown("".join(written))


def _join_pieces(argument: Any) -> Pieces | None:
    if not isinstance(argument, list) or len(argument) != 2:
        return None
    delimiter, items = argument
    if not isinstance(delimiter, str) or not isinstance(items, list):
        return None
    pieces, fields = [""], []
    for index, item in enumerate(items):
        if index:
            pieces[-1] += delimiter
        text = known_text(item)
        if text is not None:
            pieces[-1] += text
        else:
            fields.append(_function_name(item))
            pieces.append("")
    return pieces, fields, shown("${...}".join(pieces))


_SUBSTITUTED = re.compile(r"\$\{[^}]*\}")


def _function_name(value: Any) -> str:
    """How a message names a function among a join's items (``Ref Bucket``)."""
    if isinstance(value, dict) and len(value) == 1:
        [(name, argument)] = value.items()
        said = ".".join(map(str, argument)) if isinstance(argument, list) else str(argument)
        return cut(f"!{str(name).removeprefix('Fn::')} {said}")
    return "an item"


def _joined(delimiter: Any, items: Any) -> str | None:
    """The text of ``Fn::Join`` of texts the template alone decides, or None."""
    if not isinstance(delimiter, str) or not isinstance(items, list):
        return None
    texts = [known_text(item) for item in items]
    if any(text is None for text in texts):
        return None
    joined = delimiter.join(text for text in texts if text is not None)
    literal = any(text.__class__ is LiteralText for text in texts)
    return LiteralText(joined) if literal and "${" not in delimiter else joined


def _intrinsic(value: Any) -> bool:
    """A CloudFormation function (``{"Ref": x}``, ``{"Fn::Sub": ...}``): dynamic."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return key in UNPREFIXED_FUNCTIONS or (isinstance(key, str) and key.startswith("Fn::"))


class Reading:
    """What reading one template finds: its requests, and findings about it."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.source = Source(document.text, document.format)
        self.parts: list[Part] = []
        self.problems: list[Finding] = []
        self.named_files: dict[str, Contents | LoadError | None] = {}
        """Each local file the template names (``DefinitionUri``): read, parsed and read as
        a state machine once however many resources name it (None: not one)."""
        self.filled_files: dict[tuple[str, str], Contents] = {}
        """Such a file's requests with one resource's ``DefinitionSubstitutions`` filled in
        and what the template fills in marked, by file and substitutions: each resource
        naming the file with the same substitutions shares them, and its request is checked
        once (:attr:`Part.same_as`)."""

    def locator(self, prefix: Prefix) -> Locator:
        def locate(requests: Any) -> list[Spot]:
            return self.document.spots([((*prefix, *path), key) for path, key in requests])

        return locate

    def located(self, paths: list[Prefix]) -> list[Position | None]:
        return [spot for spot, _ in self.document.spots([(at, False) for at in paths])]

    def problem(self, code: Code, at: Prefix, position: Position | None, message: str) -> None:
        line, column = position or (None, None)
        self.problems.append(Finding("error", code, json_pointer(at), line, column, message))

    def lift(self, contents: Contents, prefix: Prefix, mapper: Mapper | None) -> None:
        """The requests and findings of a definition or code read inside the template at
        ``prefix``: pointers from the template's root, positions mapped into it, and what
        the template fills in dynamic."""
        for part in contents.parts:
            locator = part.locator if mapper is None else _mapped_locator(part.locator, mapper)
            lifted = part._replace(
                data=_marked(part.data, holds_unknown),
                locator=locator,
                prefix=(*prefix, *part.prefix),
                cell_of=None,
            )
            self.parts.append(lifted)
        found = list(contents.problems)
        if mapper is not None:
            spots = mapper([_position(f) for f in found])
            found = [_moved(f, spot) for f, spot in zip(found, spots, strict=True)]
        pointer = json_pointer(prefix)
        self.problems.extend(replace(f, pointer=pointer + f.pointer, cell=None) for f in found)

    def lift_named(self, contents: Contents, prefix: Prefix, key: Hashable) -> None:
        """The requests and findings of a file the template names at ``prefix``, each
        reported there (:meth:`lift` with every position at ``prefix``): ``contents``
        marked already, shared by every resource naming the file (``key``)."""
        spot = self.located([prefix])[0]

        def locate(requests: Any) -> list[Spot]:
            return [(spot, None)] * len(requests)

        for index, part in enumerate(contents.parts):
            shared = (key, index)
            at = (*prefix, *part.prefix)
            self.parts.append(part._replace(locator=locate, prefix=at, same_as=shared))
        pointer = json_pointer(prefix)
        line, column = spot or (None, None)
        self.problems.extend(
            replace(f, pointer=pointer + f.pointer, line=line, column=column, cell=None)
            for f in contents.problems
        )

    def text_mapper(self, text: Text) -> Mapper:
        """Positions in ``text`` -> positions in the template."""
        starts = [0] + [m.end() for m in LINE_BREAKS.finditer(text.chars)]

        def mapped(positions: list[Position | None]) -> list[Position | None]:
            if not text.offsets:
                return [None] * len(positions)
            wanted = [i for i, p in enumerate(positions) if p is not None]
            offsets = []
            for index in wanted:
                line, column = positions[index] or (1, 1)
                inner = starts[min(line, len(starts)) - 1] + max(column, 1) - 1
                offsets.append(text.offsets[min(inner, len(text.offsets) - 1)])
            result: list[Position | None] = [None] * len(positions)
            for index, position in zip(wanted, self.source.positions(offsets), strict=True):
                result[index] = position
            return result

        return mapped

    def embedded(
        self, value: Any, at: Prefix, *, json: bool, variables: Mapping[str, Any] | None
    ) -> Text | None:
        """The text a template value holds: a string, ``Fn::Sub`` or ``Fn::Join`` (None for
        anything else). With ``variables`` (a definition's substitutions), ``${Name}`` in a
        string is filled in too."""
        builder = Builder(json=json)
        if isinstance(value, str):
            text = self.source.string(value, self.located([at])[0])
            _add(builder, text, variables)
            return builder.text() if value else None
        if not _intrinsic(value):
            return None
        name, argument = next(iter(value.items()))
        if name == "Fn::Sub":
            return self._sub(builder, argument, (*at, name), variables or {}, variables)
        if name == "Fn::Join":
            return self._join(builder, argument, (*at, name), variables)
        return None

    def _sub(
        self,
        builder: Builder,
        argument: Any,
        at: Prefix,
        variables: Mapping[str, Any],
        after: Mapping[str, Any] | None,
    ) -> Text | None:
        """``Fn::Sub``'s text; ``after``: a definition's substitutions, which fill in the
        ``${Name}`` it writes for ``${!Name}``."""
        if isinstance(argument, list) and len(argument) == 2 and isinstance(argument[1], dict):
            argument, at, variables = argument[0], (*at, 0), {**variables, **argument[1]}
        if not isinstance(argument, str):
            return None
        text = self.source.string(argument, self.located([at])[0])
        builder.substituted(text, variables, after)
        return builder.text()

    def _join(
        self, builder: Builder, argument: Any, at: Prefix, variables: Mapping[str, Any] | None
    ) -> Text | None:
        if not (isinstance(argument, list) and len(argument) == 2):
            return None
        delimiter, pieces = argument
        if not isinstance(delimiter, str) or not isinstance(pieces, list):
            return None
        paths = [(*at, 1, index) for index in range(len(pieces))]
        for index, (piece, position) in enumerate(zip(pieces, self.located(paths), strict=True)):
            if index and delimiter:
                last = builder.offsets[-1] if builder.offsets else 0
                builder.literal(delimiter, [last] * len(delimiter))
            where = self.source.offset(position) if position is not None else 0
            if isinstance(piece, str):
                _add(builder, self.source.string(piece, position), variables)
            elif piece == {"Ref": "AWS::Partition"}:
                builder.literal("aws", [where] * 3)
            else:
                builder.unknown([where])
        return builder.text()


def _add(builder: Builder, text: Text, variables: Mapping[str, Any] | None) -> None:
    if variables is None:
        builder.literal(*text)
    else:
        builder.substituted(text, variables, sub=False)


def _position(finding: Finding) -> Position | None:
    return None if finding.line is None else (finding.line, finding.column or 1)


def _moved(finding: Finding, position: Position | None) -> Finding:
    line, column = position or (None, None)
    return replace(finding, line=line, column=column)


def _mapped_locator(locator: Locator, mapper: Mapper) -> Locator:
    def locate(requests: Any) -> list[Spot]:
        spots = locator(requests)
        return [(position, None) for position in mapper([spot for spot, _ in spots])]

    return locate


# --- the resources --------------------------------------------------------------------


def _automl_job(reading: Reading, properties: dict[str, Any], at: Prefix, name: str) -> None:
    data = _marked(properties, _intrinsic)
    if "AutoMLJobName" in properties:
        where = (*at, "AutoMLJobName")
        message = (
            "AutoMLJobName is not a property of AWS::SageMaker::AutoMLJob: CloudFormation "
            "names the job (its name is the resource's AutoMLJobName attribute); remove it"
        )
        position = reading.document.locate(where, key=True)
        reading.problem(Code.UNKNOWN_MEMBER, where, position, message)
    data["AutoMLJobName"] = DYNAMIC  # CloudFormation names the job when it creates it
    reading.parts.append(Part(data, version_kind("v1"), reading.locator(at), at))


def _definition_data(value: Any, variables: Mapping[str, Any], *, functions: bool = True) -> Any:
    """A definition written as the template's own object, as the template fills it in:
    ``Fn::Sub`` strings, ``${Name}`` of its substitutions, ``AWS::Partition`` (``aws``);
    what is known only once deployed holds :data:`IN_STRING` (dynamic). Without
    ``functions`` (a ``DefinitionUri`` file, which CloudFormation never reads: only the
    substitutions are filled in) an object shaped like a function is the object it is."""
    if functions and _intrinsic(value):
        name, argument = next(iter(value.items()))
        if value == {"Ref": "AWS::Partition"}:
            return "aws"
        if name == "Fn::Sub" and isinstance(argument, str):
            filled = _filled(argument, variables, after=variables)
            return LiteralText(filled) if "${!" in argument and "${" in filled else filled
        return IN_STRING
    if isinstance(value, dict):
        return {
            key: _definition_data(item, variables, functions=functions)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_definition_data(item, variables, functions=functions) for item in value]
    if isinstance(value, str) and "${" in value:
        return _filled(value, variables, sub=False)
    return value


def _substitutions(properties: dict[str, Any]) -> dict[str, Any]:
    """A state machine's ``DefinitionSubstitutions`` (none when it is not an object), an
    integer or a boolean as the text it is filled in as (``1``, ``true``)."""
    variables = properties.get("DefinitionSubstitutions")
    if not isinstance(variables, dict):
        return {}
    return {name: _as_substituted(value) for name, value in variables.items()}


def _as_substituted(value: Any) -> Any:
    """A substitution's value as CloudFormation hands it to Step Functions: its resource
    schema takes a string, an integer or a boolean, and passes each as text (``1`` as
    ``"1"``, ``true`` as ``"true"``), which Step Functions writes for ``${Name}``; anything
    else is left as it is (a function: unknown)."""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    return value


def _filled(
    value: str,
    variables: Mapping[str, Any],
    after: Mapping[str, Any] | None = None,
    *,
    sub: bool = True,
) -> str:
    """A string with its ``${Name}`` filled in (see :meth:`Builder.substituted`)."""
    builder = Builder(json=True)
    builder.literal('"', [0])  # inside a string: an unknown piece is a string's characters
    builder.substituted(Text(value, [0] * len(value)), variables, after, sub=sub)
    return builder.text().chars[1:]


def _read_definition(
    reading: Reading,
    properties: dict[str, Any],
    at: Prefix,
    kind: InputKind,
    object_name: str | None,
    string_name: str,
) -> None:
    """A definition written as an object (``object_name``) or as a string
    (``string_name``), read as ``kind`` (the state machine or the pipeline kind) reads one."""
    variables = _substitutions(properties)
    document = reading.document
    written, where = _definition_object(properties, at, object_name, string_name)
    if written is not None:
        data = _definition_data(written, variables)
        inner = Document(
            document.path, data, document.text, document.format, reading.locator(where)
        )
        if (contents := _read(kind, inner)) is not None:
            reading.lift(contents, where, None)
        return
    if string_name not in properties or not _may_hold_automl(properties[string_name]):
        return
    where = (*at, string_name)
    text = reading.embedded(properties[string_name], where, json=True, variables=variables)
    if text is not None:
        _read_text(reading, text, where, kind)


def _definition_object(
    properties: dict[str, Any], at: Prefix, object_name: str | None, string_name: str
) -> tuple[dict[str, Any] | None, Prefix]:
    """A definition written as an object: ``object_name``'s value, or the object of a
    ``Fn::ToJsonString`` (CloudFormation's language extensions) given as the string."""
    if object_name is not None and isinstance(properties.get(object_name), dict):
        return properties[object_name], (*at, object_name)
    string = properties.get(string_name)
    if isinstance(string, dict) and len(string) == 1:
        inner = string.get("Fn::ToJsonString")
        if isinstance(inner, dict):
            return inner, (*at, string_name, "Fn::ToJsonString")
    return None, at


def _read(kind: InputKind, document: Document) -> Contents | None:
    """The requests a definition holds, read through its kind's module-level interface
    (``recognises``, ``requests``); None for a definition that is not of the kind."""
    assert kind.recognises is not None and kind.requests is not None
    return kind.requests(document) if kind.recognises(document.data) else None


def _read_text(reading: Reading, text: Text, where: Prefix, kind: InputKind) -> None:
    from automl_objective.inputs.json_syntax import parse_json

    mapper = reading.text_mapper(text)
    try:
        inner = parse_json(reading.document.path, text.chars)
    except LoadError as error:
        _failed(reading, error, where, mapper, f"the definition of {shown(where[1])}")
        return
    if (contents := _read(kind, inner)) is not None:
        reading.lift(contents, where, mapper)


def _failed(reading: Reading, error: LoadError, where: Prefix, mapper: Mapper, what: str) -> None:
    position = None if error.line is None else (error.line, error.column or 1)
    spot = mapper([position])[0] if position is not None else reading.located([where])[0]
    reading.problem(error.code, where, spot, f"{what}: {error.message}")


def _state_machine(reading: Reading, properties: dict[str, Any], at: Prefix, name: str) -> None:
    from automl_objective.inputs import state_machines

    kind = state_machines.KIND
    _read_definition(reading, properties, at, kind, "Definition", "DefinitionString")
    if name == "AWS::Serverless::StateMachine":
        _definition_file(reading, properties, at)


def _pipeline(reading: Reading, properties: dict[str, Any], at: Prefix, name: str) -> None:
    from automl_objective.inputs import pipelines

    definition = properties.get("PipelineDefinition")
    if isinstance(definition, dict):
        where = (*at, "PipelineDefinition")
        _read_definition(reading, definition, where, pipelines.KIND, None, "PipelineDefinitionBody")


def _definition_file(reading: Reading, properties: dict[str, Any], at: Prefix) -> None:
    """A SAM state machine's ``DefinitionUri`` naming a local file (next to the template):
    read as the state machine it is, with the resource's ``DefinitionSubstitutions`` filled
    in as they are for a ``Definition`` (SAM passes them to Step Functions, which fills in
    the file's ``${Name}`` too), its findings at the ``DefinitionUri`` (their pointers say
    where in the file). An S3 location is not read. The file is read once per template;
    its requests are checked once for each set of substitutions naming it."""
    uri = properties.get("DefinitionUri")
    if not isinstance(uri, str) or "://" in uri or not uri:
        return
    from automl_objective.inputs import state_machines
    from automl_objective.inputs.reading import MAX_BYTES, decode, read_file
    from automl_objective.inputs.syntax import parse_text

    where = (*at, "DefinitionUri")
    path = Path(reading.document.path).parent / uri
    key = str(path)
    if key not in reading.named_files:
        try:
            if os.path.abspath(path).startswith(("/dev/", "/proc/")):  # never a stream
                raise LoadError(key, "not a regular file", code=Code.UNREADABLE)
            limit = reading.document.max_bytes or MAX_BYTES  # the run's, as for the template
            document = parse_text(key, decode(key, read_file(path, key, limit)))
        except LoadError as error:
            reading.named_files[key] = error
        else:
            reading.named_files[key] = _read(state_machines.KIND, document)
    named = reading.named_files[key]
    if isinstance(named, LoadError):
        message = f"its DefinitionUri {shown(uri)} cannot be read: {named.message}"
        reading.problem(named.code, where, reading.located([where])[0], message)
    elif named is not None:
        variables = _substitutions(properties)
        filled_key = (key, json.dumps(variables, sort_keys=True, default=repr))
        if filled_key not in reading.filled_files:
            reading.filled_files[filled_key] = _filled_contents(named, variables)
        reading.lift_named(reading.filled_files[filled_key], where, filled_key)


def _filled_contents(contents: Contents, variables: Mapping[str, Any]) -> Contents:
    """A definition file's requests with ``variables`` filled in and what the template
    fills in marked (as :meth:`Reading.lift` marks them)."""
    parts = tuple(
        part._replace(
            data=_marked(_definition_data(part.data, variables, functions=False), holds_unknown),
            cell_of=None,
        )
        for part in contents.parts
    )
    return contents._replace(parts=parts)


def _may_hold_automl(value: Any) -> bool:
    """Whether the strings of a template value (a string, a function's arguments) may
    hold an AutoML request (:data:`AUTOML_MARKS`)."""
    strings: list[str] = []
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            strings.append(current)
        elif isinstance(current, dict):  # in order: a name may be split over two pieces
            stack.extend(reversed(current.values()))
        elif isinstance(current, list):
            stack.extend(reversed(current))
    joined = "".join(strings)
    return not joined.isascii() or any(mark in joined for mark in AUTOML_MARKS)


def _python_runtime(runtime: Any) -> bool | None:
    """True: the function is Python; False: another language; None: not known here."""
    if isinstance(runtime, str):
        return runtime.startswith("python")
    return None


def _function(reading: Reading, properties: dict[str, Any], at: Prefix, name: str) -> None:
    name_of = at[1]
    if name == "AWS::Lambda::Function":
        code = properties.get("Code")
        value, where = (
            (code.get("ZipFile"), (*at, "Code", "ZipFile"))
            if isinstance(code, dict)
            else (None, at)
        )
    else:
        value, where = properties.get("InlineCode"), (*at, "InlineCode")
    if value is None or _not_code(reading, value, where, name_of) or not _may_hold_automl(value):
        return
    runtime = properties.get("Runtime", _global_runtime(reading.document.data, name))
    python = _python_runtime(runtime)
    if python is False:
        return
    text = reading.embedded(value, where, json=False, variables=None)
    if text is None:
        return
    from automl_objective.inputs import python_files

    mapper = reading.text_mapper(text)
    try:
        # Not the template's name: for a syntax error, CPython reads the line from a file
        # of the name it is given, which would be the template's line, not the code's.
        contents = python_files.read_text(_INLINE_CODE, text.chars)
    except LoadError as error:
        if python:
            _failed(reading, error, where, mapper, f"the inline code of {shown(name_of)}")
        return
    reading.lift(contents, where, mapper)


def _not_code(reading: Reading, value: Any, where: Prefix, name_of: str | int) -> bool:
    """Inline code that is not a string (nor a function giving one): said, as CloudFormation
    refuses it, never passed over."""
    if isinstance(value, str) or _intrinsic(value):
        return False
    message = (
        f"the inline code of {shown(name_of)} ({where[-1]}) is {json_type(value)}, not a "
        f"string: {_REFUSED}"
    )
    reading.problem(Code.INVALID_TYPE, where, reading.located([where])[0], message)
    return True


def _global_runtime(template: dict[str, Any], name: str) -> Any:
    """SAM's ``Globals.Function.Runtime``, the default of every serverless function's."""
    if name != "AWS::Serverless::Function":
        return None
    found: Any = template.get("Globals")
    for key in ("Function", "Runtime"):
        found = found.get(key) if isinstance(found, dict) else None
    return found


_AUTOML_JOB = "AWS::SageMaker::AutoMLJob"
_RESOURCES: dict[str, Callable[[Reading, dict[str, Any], Prefix, str], None]] = {
    _AUTOML_JOB: _automl_job,
    "AWS::StepFunctions::StateMachine": _state_machine,
    "AWS::Serverless::StateMachine": _state_machine,
    "AWS::SageMaker::Pipeline": _pipeline,
    "AWS::Lambda::Function": _function,
    "AWS::Serverless::Function": _function,
}


def _duplicates_inside(reading: Reading) -> None:
    """A key written twice inside an AutoML request: CloudFormation takes the last, but
    which one the author meant is anyone's guess."""
    requests = {part.prefix for part in reading.parts}
    for at, error in reading.document.duplicates:
        if _inside(at, requests):
            position = None if error.line is None else (error.line, error.column or 1)
            reading.problem(Code.DUPLICATE_KEY, at, position, error.message)


def _inside(at: Prefix, requests: set[Prefix]) -> bool:
    """Whether ``at`` is a request's path or below one (each of its heads looked up once,
    not each request compared: a template may hold thousands of both)."""
    return any(at[:size] in requests for size in range(len(at) + 1))


def _may_hold_request(resource: Any) -> bool:
    """A resource that is an AutoML job, or of a type that may hold a request and shows a
    sign of one (:data:`AUTOML_MARKS`)."""
    kind = resource.get("Type") if isinstance(resource, dict) else None
    if not (isinstance(kind, str) and kind in _RESOURCES):
        return False
    return kind == _AUTOML_JOB or _may_hold_automl(resource.get("Properties"))


def _first_writings(document: Document) -> Any:
    """The template's data with each key written twice kept at its first writing (None: not
    one document)."""
    if document.format == "json":
        from automl_objective.inputs.json_syntax import first_writings

        return first_writings(document.text)
    from automl_objective.inputs.yaml_syntax import documents_to_recognise

    found = documents_to_recognise(document.path, document.text, first_writings=True)
    return found[0] if len(found) == 1 else None


class _Hidden:
    """Which resources of a template's first writings that may hold an AutoML request the
    template as CloudFormation reads it (each key's last writing) does not hold alike, under
    their logical ID or another (a resource moved is not hidden): each told once asked."""

    def __init__(self, first: dict[Any, Any], last: dict[Any, Any]) -> None:
        self.first = first
        self.last = last
        self.known: dict[Any, bool] = {}
        self.kept: dict[str, list[Any]] | None = None

    def __call__(self, name: Any) -> bool:
        if name not in self.known:
            resource: Any = self.first.get(name)
            self.known[name] = (
                _may_hold_request(resource)
                and self.last.get(name) != resource
                and resource not in self._kept(resource["Type"])
            )
        return self.known[name]

    def _kept(self, kind: str) -> list[Any]:
        if self.kept is None:
            self.kept = {}
            for resource in self.last.values():
                if isinstance(resource, dict) and isinstance(resource.get("Type"), str):
                    self.kept.setdefault(resource["Type"], []).append(resource)
        return self.kept.get(kind, [])

    def by(self, at: Prefix) -> Any:
        """The logical ID of the resource a key written twice at ``at`` hides, or None: the
        first hidden, for ``Resources`` written again; for its logical ID written again, or
        its ``Type``, that resource; for a key of its ``Properties``, where its request may
        be (any of an AutoML job's; of another resource's, one whose first writing shows a
        sign of a request, not a Lambda function's ``Timeout``). Its ``Metadata`` or
        ``DependsOn`` written twice hides no request."""
        if at == ("Resources",):
            return next((name for name in self.first if self(name)), None)
        if len(at) < 2 or at[0] != "Resources" or not self(at[1]):
            return None
        resource = self.first[at[1]]
        if len(at) == 2 or at[2] == "Type":
            return at[1]
        if at[2] != "Properties":
            return None
        if len(at) == 3 or resource["Type"] == _AUTOML_JOB:
            return at[1]
        first: Any = resource
        for key in at[2:]:
            first = first.get(key) if isinstance(first, dict) else None
        return at[1] if _may_hold_automl(first) else None


def _hidden_requests(reading: Reading) -> None:
    """A key written twice outside any request (a second ``Resources``, a logical ID, a
    ``Type`` or where a request may be in its ``Properties`` written again) whose first
    writing holds a resource that may hold an AutoML request and the last does not hold
    alike (:class:`_Hidden`): CloudFormation takes the last and never creates what the first
    held, silently (it accepts a key written twice: cfn-language-discussion#96); cfn-lint
    refuses any key written twice ("Duplicate found", E0000). Reported at the last writing,
    naming the resource the first holds (and, in YAML, the first writing's line; JSON's
    duplicate finding names the last alone)."""
    document = reading.document
    requests = {part.prefix for part in reading.parts}
    outside = [(at, error) for at, error in document.duplicates if not _inside(at, requests)]
    if not outside:
        return
    first = _first_writings(document)
    first_resources = first.get("Resources") if isinstance(first, dict) else None
    if not isinstance(first_resources, dict):
        return
    last_resources = document.data.get("Resources")
    hidden = _Hidden(first_resources, last_resources if isinstance(last_resources, dict) else {})
    for at, error in outside:
        name = hidden.by(at)
        if name is None:
            continue
        message = (
            f"{error.message}, which hides the {first_resources[name]['Type']} {shown(name)} "
            "the first holds"
        )
        position = None if error.line is None else (error.line, error.column or 1)
        reading.problem(Code.DUPLICATE_KEY, at, position, message)


_REFUSED = "CloudFormation refuses the template"


_IF_SHAPE = (
    "Fn::If takes three items (a condition's name, the value if true, the value if false): "
    + _REFUSED
)


def _branches(reading: Reading, value: Any, at: Prefix) -> Iterator[tuple[Prefix, Any]]:
    """The values ``Properties`` may take, each with its path: an ``Fn::If``'s two branches
    (either may be deployed, as the condition says), nested ones too (one of another shape
    is a finding); any other function (``AWS::NoValue`` included) decides them at
    deployment, so none is known."""
    if not _intrinsic(value):
        yield at, value
        return
    [(name, argument)] = value.items()
    if name != "Fn::If":
        return
    if not (isinstance(argument, list) and len(argument) == 3):
        where = (*at, "Fn::If")
        reading.problem(Code.PARSE_ERROR, where, reading.located([where])[0], _IF_SHAPE)
        return
    for index in (1, 2):
        yield from _branches(reading, argument[index], (*at, "Fn::If", index))


def _resources(reading: Reading, resources: Any) -> list[tuple[Prefix, str, dict[str, Any]]]:
    """The resources of a type that may hold an AutoML request: where its properties are,
    its type, its properties (each branch of an ``Fn::If`` apart). ``Properties`` that are
    no object (an array, say) are a finding."""
    found = []
    for name, resource in resources.items() if isinstance(resources, dict) else ():
        if not isinstance(resource, dict):
            continue
        kind, written = resource.get("Type"), resource.get("Properties")
        if not (isinstance(kind, str) and kind in _RESOURCES):
            continue
        if written is None and kind == _AUTOML_JOB:
            written = {}  # no properties: the job's required ones are missing
        for at, properties in _branches(reading, written, ("Resources", name, "Properties")):
            if isinstance(properties, dict):
                found.append((at, kind, properties))
            elif properties is not None:  # a branch may also be null: no properties
                message = (
                    f"the Properties of {shown(name)} ({kind}) are {json_type(properties)}, "
                    f"not an object: {_REFUSED}"
                )
                reading.problem(Code.INVALID_TYPE, at, reading.located([at])[0], message)
    return found


def _unknown_functions(reading: Reading) -> None:
    """A call of a function CloudFormation has not (:mod:`.template_functions`): a
    ``parse-error`` at its short form's tag or its long form's member name."""
    from automl_objective.inputs import template_functions as functions

    document = reading.document
    if not functions.may_name_another(document.text, yaml=document.format == "yaml"):
        return
    found = functions.unknown_functions(document.data)
    spots = document.spots([(path, True) for path, _ in found])
    for (path, name), (position, _) in zip(found, spots, strict=True):
        tagged = position is not None and document.text[reading.source.offset(position)] == "!"
        written = functions.short_form if tagged else str
        message = f"{written(name)} is not a CloudFormation function: {_REFUSED}"
        if (meant := functions.meant(name)) is not None:
            message += f"; did you mean {written(meant)}?"
        reading.problem(Code.PARSE_ERROR, path, position, message)


def requests(document: Document, kind: str) -> Contents:
    """Each AutoML request of the template's resources, held by the input kind ``kind``;
    what CloudFormation refuses in the template (a function it has not, resource
    ``Properties`` or inline code of the wrong type), as findings."""
    reading = Reading(document)
    _unknown_functions(reading)
    resources = document.data.get("Resources")
    for at, type_name, properties in _resources(reading, resources):
        _RESOURCES[type_name](reading, properties, at, type_name)
    _duplicates_inside(reading)
    _hidden_requests(reading)
    return Contents(document.path, kind, None, tuple(reading.parts), tuple(reading.problems))
