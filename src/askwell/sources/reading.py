"""Reading input bytes as text: one decoding policy for every source format."""

from __future__ import annotations

import codecs

from askwell.errors import InputError


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an input error.

    Line endings are normalised to ``\\n`` so that CRLF and CR files number
    their lines the way editors do.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid UTF-16 ({exc.reason})") from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", line, col) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
