"""A document's bytes are decoded as the ``utf-8-sig`` codec decodes them (a UTF-8
byte-order mark dropped, the same text, an error at the same byte, counted in the file: the
mark's three bytes too, where the codec counts after them), without importing that codec's
module on every start."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from automl_objective.inputs.document import LoadError
from automl_objective.inputs.reading import decode

BOM = b"\xef\xbb\xbf"


def _as_the_codec_decodes(raw: bytes) -> str | int:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return error.start + (len(BOM) if raw.startswith(BOM) else 0)  # the byte in the file


def _as_decoded(raw: bytes) -> str | int:
    try:
        return decode("x.json", raw)
    except LoadError as error:
        found = re.fullmatch(r"not UTF-8 text \(byte (\d+)\)", error.message)
        assert found is not None, error.message
        return int(found.group(1))


@given(
    st.sampled_from([b"", BOM, BOM + BOM, BOM[:2], BOM[:1]]),
    st.binary(max_size=40).filter(lambda b: b"\x00" not in b),
)
def test_bytes_decode_as_the_utf_8_sig_codec_decodes_them(start: bytes, rest: bytes) -> None:
    raw = start + rest
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16, refused before decoding
    assert _as_decoded(raw) == _as_the_codec_decodes(raw)


def test_text_and_marks() -> None:
    for raw in (b"{}", BOM + b"{}", BOM + "é".encode(), "\u2028".encode(), BOM + BOM + b"a"):
        assert _as_decoded(raw) == raw.decode("utf-8-sig")
    assert _as_decoded(BOM + b"ab\xff") == 5  # counted in the file, the mark's bytes too
