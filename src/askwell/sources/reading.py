"""Reading input bytes as text: one decoding policy for every source format."""

from __future__ import annotations

import codecs

from askwell.errors import InputError

# A NUL this early means a binary file (or text in an encoding we do not read).
_SNIFF = 8192


def _position(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, as editors count them) of ``data[index]``."""
    head = data[:index].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    start = head.rfind(b"\n") + 1
    if start == 0 and head.startswith(codecs.BOM_UTF8):
        start = len(codecs.BOM_UTF8)
    return head.count(b"\n") + 1, len(head[start:].decode("utf-8", "replace")) + 1


def _utf16_without_bom(head: bytes) -> bool:
    """True when NULs sit on one parity only, as in ASCII-range text saved as UTF-16 without a BOM."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    return half >= 8 and max(even, odd) >= half * 0.4 and min(even, odd) <= half * 0.05


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (BOM allowed) or UTF-16 with a BOM; anything else is an input error.

    A NUL anywhere is an input error too: near the start it means a binary file,
    later it is named by line and column.  Line endings are normalised to ``\\n``
    so that CRLF and CR files number their lines the way editors do.
    """
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            text = data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid UTF-16 ({exc.reason})") from None
        nul = text.find("\x00")
        if nul >= 0:
            column = nul - (text.rfind("\n", 0, nul) + 1) + 1
            raise InputError(path, "NUL character in text; not a text file", text.count("\n", 0, nul) + 1, column)
        return text
    nul = data.find(b"\x00")
    if nul >= 0:
        if _utf16_without_bom(data[:_SNIFF]):
            raise InputError(path, "looks like UTF-16 without a byte-order mark; "
                                   "save it as UTF-8 (or UTF-16 with a BOM)")
        if nul < _SNIFF:
            raise InputError(path, "binary file (contains NUL bytes), not text")
        raise InputError(path, "NUL byte in text; not a text file", *_position(data, nul))
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = skip + exc.start
        line, col = _position(data, bad)
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[bad]:02x})", line, col) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
