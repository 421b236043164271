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
from maturity_scan.storage.rounds import MAX_TITLE

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
    _describe_rounds(schema["$defs"])
    referred: dict[str, Any] = _refer(schema, text, {"$ref": "#/$defs/Text"})
    return referred


def _describe_rounds(defs: dict[str, Any]) -> None:
    """Team rounds (schema 6) described for whoever reads the file, with the limits checked
    on import."""
    round_ = defs["Round"]
    round_["description"] = (
        "A team round: one organisation, one question-set version, a scan per respondent "
        "(whose `round` names it) and at most one consensus scan. `opened` is the round's date "
        "(what history shows it under), `closes` an optional closing date, `visibility` what "
        "the round shows of individuals: names and roles (`named`), roles only (`by-role`) or "
        "neither (`anonymous`)."
    )
    round_["properties"]["id"]["pattern"] = "^[0-9a-f]{32}$"
    round_["properties"]["title"]["maxLength"] = MAX_TITLE
    link = defs["RoundLink"]
    link["description"] = (
        "How a scan belongs to a team round: `id` the round's, `kind` `response` (a "
        "respondent's scan: `role`, a role id of the question set, and `role_only`, whether "
        "only that role's questions were asked) or `consensus` (with `sources`: per question "
        "id, `median` or `override` with its `reason`)."
    )
    link["properties"]["id"]["pattern"] = "^[0-9a-f]{32}$"
    defs["AnswerSource"]["description"] = (
        "Where a consensus answer comes from: the respondents' lower `median`, or an "
        "`override` the team gave a `reason` for."
    )


def _refer(node: Any, definition: dict[str, Any], ref: dict[str, str]) -> Any:
    """``node`` with every ``definition`` but the named one replaced by ``ref``."""
    if isinstance(node, dict):
        return {k: ref if v == definition else _refer(v, definition, ref) for k, v in node.items()}
    if isinstance(node, list):
        return [ref if v == definition else _refer(v, definition, ref) for v in node]
    return node


def export_json_schema_text() -> str:
    return json.dumps(export_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
