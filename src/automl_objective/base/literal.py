"""Text a template writes as it is, ``${`` and all: never a placeholder to fill in."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import final
else:  # typing's final marks a class for the type checker only (typing costs a run 15 M)

    def final(cls: type) -> type:
        return cls


@final
class LiteralText(str):
    """A string whose ``${NAME}`` is literal: CloudFormation's ``Fn::Sub`` writes ``${!X}``
    for the text ``${X}``, and sends that text to AWS as it is. A reader that knows a value is
    such text says so with this class; the checks read it as the string it is, and the
    placeholder finder passes it by (check/placeholders.py)."""

    __slots__ = ()
