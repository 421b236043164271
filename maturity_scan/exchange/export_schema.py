"""The JSON Schema of the export file, generated from the same msgspec models that read and
write it (``export.schema.json`` beside this module is this schema; a test keeps it current)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec

from maturity_scan.core.models import TextMap
from maturity_scan.exchange.export import ExportFile
from maturity_scan.storage.organisations import MAX_GROUPS

SCHEMA_FILE = Path(__file__).parent / "export.schema.json"


def export_json_schema() -> dict[str, Any]:
    schema = msgspec.json.schema(ExportFile)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "maturity-scan export"
    # msgspec writes the text object out at every use; one named definition reads better
    text = msgspec.json.schema(TextMap)
    schema["$defs"]["Text"] = {"title": "Text", **text}
    # the model's docstring speaks to programmers; the schema to whoever reads the file. The
    # limit on groups is checked on import (the model cannot say it)
    organisation = schema["$defs"]["Organisation"]
    organisation["description"] = (
        "An organisation's record: its groups (a region, a client year) and how often it is "
        "scanned again, in months. `name` is the organisation of its scans, compared without "
        "case, accents or extra spacing."
    )
    organisation["properties"]["groups"]["maxItems"] = MAX_GROUPS
    referred: dict[str, Any] = _refer(schema, text, {"$ref": "#/$defs/Text"})
    return referred


def _refer(node: Any, definition: dict[str, Any], ref: dict[str, str]) -> Any:
    """``node`` with every ``definition`` but the named one replaced by ``ref``."""
    if isinstance(node, dict):
        return {k: ref if v == definition else _refer(v, definition, ref) for k, v in node.items()}
    if isinstance(node, list):
        return [ref if v == definition else _refer(v, definition, ref) for v in node]
    return node


def export_json_schema_text() -> str:
    return json.dumps(export_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
