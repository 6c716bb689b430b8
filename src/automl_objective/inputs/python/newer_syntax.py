"""Code this Python cannot parse that a newer Python may: an f-string written for 3.12.

Python 3.12 reads an f-string's fields as code (PEP 701): they may reuse the f-string's own
quotes (``f"{row["name"]}"``), hold a backslash or a comment. Older Pythons' ``ast`` refuse
them, so a notebook written for 3.12 would fail the run on 3.11 while the same file passes on
3.12. Such a failure is a warning, not an error: the code may be right for the Python it was
written for, and the tool cannot tell (its requests are checked when it runs on 3.12 or
later). Any other syntax error stays an error, and on 3.12 and later every one is.
"""

from __future__ import annotations

import re
import sys

_F_STRING_START = re.compile(r"(?<!\w)(?:[fF][rR]?|[rR][fF])['\"]")
_READS_PEP_701 = (3, 12)


def may_be_newer_syntax(error: SyntaxError) -> bool:
    """Whether ``error`` may come from an f-string a newer Python reads (see the module)."""
    if sys.version_info >= _READS_PEP_701:
        return False
    if (error.msg or "").startswith("f-string"):
        return True
    text, offset = error.text or "", error.offset or 0
    return _F_STRING_START.search(text, 0, offset + 1) is not None


def newer_syntax_note(why: str) -> str:
    """The words of the warning, ``why`` being the parser's own."""
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    return (
        f"not valid Python {here} ({why}), but maybe Python 3.12's: its f-strings may reuse "
        "their quotes (PEP 701); its requests are checked when automl-objective runs on "
        "Python 3.12 or later"
    )
