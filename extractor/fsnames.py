"""File names that are not valid UTF-8: carried losslessly, shown and stored in an escaped form.

On POSIX a file name is bytes; Python decodes the undecodable ones with surrogateescape
(`os.fsdecode`), which opens the file fine but cannot be written to JSON or SQLite. `escape_name`
gives a printable, lossless form: names that are valid UTF-8 and hold no backslash are unchanged;
otherwise every backslash is doubled and every byte that is not UTF-8 becomes `\\xNN`.
`unescape_name` turns it back into the name to open.
"""

from __future__ import annotations

import os
import re

_ESCAPE = re.compile(r"\\(\\|x[0-9a-fA-F]{2})")


def has_surrogates(name: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in name)


def escape_name(name: str | bytes | os.PathLike) -> str:
    """A printable, lossless form of a file name (unchanged for ordinary names)."""
    text = os.fsdecode(name)
    if "\\" not in text and not has_surrogates(text):
        return text
    raw = os.fsencode(text.replace("\\", "\\\\"))
    return raw.decode("utf-8", "backslashreplace")


def unescape_name(shown: str) -> str:
    """The name `escape_name` was given (as a str that `open` accepts)."""
    if "\\" not in shown:
        return shown
    out = bytearray()
    position = 0
    for match in _ESCAPE.finditer(shown):
        out += shown[position:match.start()].encode("utf-8")
        token = match.group(1)
        out += b"\\" if token == "\\" else bytes([int(token[1:], 16)])
        position = match.end()
    out += shown[position:].encode("utf-8")
    return os.fsdecode(bytes(out))


def printable(text: str) -> str:
    """`text` with any escaped bytes shown as `\\xNN` (for messages that quote a file name)."""
    if not has_surrogates(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
