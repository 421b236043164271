"""Reading the user's input files: size limit first, then UTF-8, then the parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from maturity_scan.errors import ScanError, describe_validation
from maturity_scan.i18n import Localized, validation_detail
from maturity_scan.lang import decode_hook

#: Input files larger than this are refused before they are parsed.
MAX_INPUT_BYTES = 10 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise ScanError("err.file_too_large", file=str(path), size=size, limit=limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ScanError("err.file_missing", file=str(path)) from None
    except IsADirectoryError:
        raise ScanError("err.file_unreadable", file=str(path), reason="is a directory") from None
    except OSError as err:
        raise ScanError("err.file_unreadable", file=str(path), reason=err.strerror or err) from None
    if len(data) > limit:
        raise ScanError("err.file_too_large", file=str(path), size=len(data), limit=limit)
    return data


def line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of character ``index`` of ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        # the bad byte's place as a text editor shows it: what comes before it is good UTF-8
        before = data[: err.start].decode("utf-8-sig", errors="replace")
        line, column = line_column(before, len(before))
        raise ScanError("err.not_utf8", file=source, line=line, column=column) from None


_AT_BYTE = re.compile(r"\s*\(byte (\d+)\)$")


def parse_json(data: bytes, source: str) -> Any:
    """Any JSON value, or a one-line error naming ``source`` and, where the parser says
    where, the line and column."""
    text = decode_text(data, source)
    encoded = text.encode("utf-8")
    try:
        return msgspec.json.decode(encoded)
    except msgspec.DecodeError as err:
        reason = str(err)
        at = _AT_BYTE.search(reason)
        if at is None:
            raise ScanError("err.not_json", file=source, reason=reason) from None
        offset = int(at.group(1))
        before = encoded[:offset].decode("utf-8", errors="replace")
        line, column = line_column(before, len(before))
        raise ScanError(
            "err.not_json_at",
            file=source,
            line=line,
            column=column,
            reason=reason[: at.start()],
        ) from None
    except RecursionError:
        raise ScanError("err.not_json", file=source, reason="nested too deeply") from None


#: A dotted key (``a.b.c = 1`` or ``[a.b.c]``) with more dots than this is refused before
#: parsing: tomllib's time and memory grow with the square of a key's length (a 200 kB file
#: of ``a.a.a...`` needs gigabytes).
MAX_TOML_KEY_DOTS = 16


def parse_toml(data: bytes, source: str) -> dict[str, Any]:
    import tomllib  # only here: scripted commands that read no TOML start faster

    text = decode_text(data, source)
    if longest_dotted_run(text) > MAX_TOML_KEY_DOTS:
        raise ScanError("err.not_toml", file=source, reason="key nested too deeply")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScanError("err.not_toml", file=source, reason=str(err)) from None
    except ValueError:  # an integer of more than 4300 digits
        raise ScanError("err.not_toml", file=source, reason="number too large") from None
    except RecursionError:
        raise ScanError("err.not_toml", file=source, reason="nested too deeply") from None


_PLAIN = re.compile(r"[A-Za-z0-9_ \t-]+")  # bare key characters and blanks
_STRING = {  # unrolled loops: linear, and fast on long strings
    '"': re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"?'),
    "'": re.compile(r"'[^'\n]*'?"),
    '"""': re.compile(r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*(?:"{3,5})?', re.DOTALL),
    "'''": re.compile(r"'''[^']*(?:'(?!'')[^']*)*(?:'{3,5})?"),
}


def longest_dotted_run(text: str, stop: int = MAX_TOML_KEY_DOTS) -> int:
    """The most dots in a row outside strings and comments, with only key characters, blanks
    and quoted key parts between them: at least the number of dots in any key. Linear; stops
    counting once past ``stop``."""
    longest = run = 0
    i, n = 0, len(text)
    while i < n and longest <= stop:
        plain = _PLAIN.match(text, i)
        if plain:
            i = plain.end()
            continue
        c = text[i]
        if c in "\"'":  # a quoted key part does not end the run
            match = _STRING[c * 3 if text.startswith(c * 3, i) else c].match(text, i)
            i = match.end() if match else i + 1
            continue
        if c == "#":
            i = text.find("\n", i)
            i, run = (n if i < 0 else i), 0
            continue
        if c == ".":
            run += 1
            longest = max(longest, run)
        else:
            run = 0
        i += 1
    return longest


T = TypeVar("T")


def convert(
    data: Any,
    type_: type[T],
    source: str,
    dec_hook: Callable[[type, Any], Any] = decode_hook,
) -> T:
    """``data`` validated as ``type_`` (texts by :func:`~maturity_scan.lang.decode_hook`);
    an error names the file, the field and what was expected."""
    try:
        return msgspec.convert(data, type_, dec_hook=dec_hook)
    except msgspec.ValidationError as err:
        field, detail = describe_validation(err, data)
        raise ScanError(
            "err.field",
            file=source,
            field=field,
            detail=Localized(partial(validation_detail, detail)),
        ) from None
