"""Reading the user's input files: size limit first, then UTF-8, then the parser."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from maturity_scan.errors import ScanError, describe_validation
from maturity_scan.i18n import validation_detail
from maturity_scan.models import Text

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


def decode_text(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScanError("err.not_utf8", file=source, offset=err.start) from None


def parse_json(data: bytes, source: str) -> Any:
    """Any JSON value, or a one-line error naming ``source``."""
    text = decode_text(data, source)
    try:
        return msgspec.json.decode(text.encode("utf-8"))
    except msgspec.DecodeError as err:
        raise ScanError("err.not_json", file=source, reason=str(err)) from None
    except RecursionError:
        raise ScanError("err.not_json", file=source, reason="nested too deeply") from None


def parse_toml(data: bytes, source: str) -> dict[str, Any]:
    text = decode_text(data, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScanError("err.not_toml", file=source, reason=str(err)) from None
    except RecursionError:
        raise ScanError("err.not_toml", file=source, reason="nested too deeply") from None


T = TypeVar("T")


def convert(data: Any, type_: type[T], source: str) -> T:
    """``data`` validated as ``type_``; an error names the file, the field and what was expected."""
    try:
        return msgspec.convert(data, type_)
    except msgspec.ValidationError as err:
        field, detail = describe_validation(err, data)
        raise ScanError(
            "err.field",
            file=source,
            field=field,
            detail=Text(nl=validation_detail(detail, "nl"), en=validation_detail(detail, "en")),
        ) from None
