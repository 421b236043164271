"""Notes the questionnaire refused (too long, a control character): kept, never lost.

A refused note is not stored, but the text typed is kept, per question, for as long as the
questionnaire screen lives: the field shows it again, with the reason, when the user comes
back to its question, and leaving the questionnaire while one exists asks first, naming the
questions and why their notes were refused. Fixed, a note is stored and the kept text dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from maturity_scan.core.models import Lang, Principle, Question
from maturity_scan.i18n import number, tr
from maturity_scan.tui.widgets.note_editor import note_problem


def refusal(text: str, lang: Lang, short: bool = False) -> str | None:
    """Why ``text`` cannot be stored as a note, in ``lang`` (``short``: a few words for a
    list); None when it can be stored."""
    problem = note_problem(text)
    if problem is None:
        return None
    key, params = problem
    if "limit" in params:
        params = {name: number(int(str(value)), lang) for name, value in params.items()}
    return tr(f"{key}.short" if short else key, lang, **params)


class RefusedNotes:
    """The refused notes of one questionnaire screen: question id → the text typed."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._texts)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._texts

    def get(self, question_id: str) -> str | None:
        return self._texts.get(question_id)

    def keep(self, question_id: str, text: str) -> None:
        self._texts[question_id] = text

    def drop(self, question_id: str) -> None:
        self._texts.pop(question_id, None)

    def leave_body(self, items: Sequence[tuple[Principle, Question]], lang: Lang) -> str:
        """The question before leaving: which questions have a note that is not stored, and
        why (in the order of the questionnaire)."""
        lines = [tr("ui.q.leave_notes_body", lang), ""]
        for position, (_, question) in enumerate(items, start=1):
            text = self._texts.get(question.id)
            if text is None:
                continue
            reason = refusal(text, lang, short=True) or ""
            lines.append(
                tr(
                    "ui.q.leave_notes_line",
                    lang,
                    k=position,
                    question=question.text.get(lang),
                    reason=reason,
                )
            )
        return "\n".join(lines)
