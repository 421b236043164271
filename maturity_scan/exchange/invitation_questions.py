"""Between a question set and the questions of an invitation (#14): the invitation a round's
set gives a respondent (:func:`make_invitation`, the texts in one language, only the
questions asked), and the question set the file alone gives ``respond``
(:func:`question_set_of`), so a respondent needs neither the database nor the round's set.
"""

from __future__ import annotations

from datetime import datetime

from maturity_scan.core.models import (
    Definition,
    LevelDef,
    Principle,
    Question,
    QuestionSet,
    Respondent,
    Round,
    RoundLink,
    Scan,
    Text,
)
from maturity_scan.errors import ScanError
from maturity_scan.exchange.invitation import (
    FORMAT,
    FORMAT_VERSION,
    MAX_NAME,
    Anchors,
    Invitation,
    InvitedDefinition,
    InvitedLevel,
    InvitedQuestion,
    InvitedRespondent,
    InvitedRound,
)
from maturity_scan.i18n import tr
from maturity_scan.lang import Lang
from maturity_scan.visible import find_control


def make_invitation(
    round_: Round,
    question_set: QuestionSet,
    *,
    invitation_id: str,
    name: str | None,
    role: str,
    role_only: bool,
    lang: Lang,
    return_to: str | None,
    when: datetime,
) -> Invitation:
    """An unanswered invitation to ``round_`` (whose set is ``question_set``) for a
    respondent in ``role``, its texts in ``lang``. The role must be one of the set's."""
    found = question_set.role(role)
    if found is None:
        known = ", ".join(r.id for r in question_set.roles) or "-"
        raise ScanError("err.invite_role", role=role, known=known)
    for label, text in (("--respondent", name), ("--return-to", return_to)):
        if text is not None:
            check_text(text, label)
    scan_view = Scan(
        id=invitation_id,
        organisation=round_.organisation,
        respondent=Respondent(),
        question_set=round_.question_set,
        status="draft",
        started_at=when,
        round=RoundLink(id=round_.id, role=role, role_only=role_only),
    )
    questions = [
        InvitedQuestion(
            id=q.id,
            principle_id=p.id,
            principle=p.title.get(lang),
            text=q.text.get(lang),
            help=q.help.get(lang),
            anchors=anchors_of(q, lang),
            na_allowed=q.allow_na,
            roles=list(q.roles),
        )
        for p, q in question_set.questions()
        if scan_view.asks(q)
    ]
    if not questions:
        raise ScanError("err.invite_no_questions", role=role)
    return Invitation(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        how_to=tr("invite.how_to", lang),
        id=invitation_id,
        round=InvitedRound(
            id=round_.id,
            title=round_.title,
            organisation=round_.organisation,
            question_set=round_.question_set.id,
            question_set_version=round_.question_set.version,
            date=round_.opened,
            closes=round_.closes,
        ),
        respondent=InvitedRespondent(name=name, role=role, role_name=found.name.get(lang)),
        role_only=role_only,
        return_to=return_to,
        language=lang,
        invited_at=when,
        levels=[
            InvitedLevel(level=d.level, name=d.name.get(lang), description=d.description.get(lang))
            for d in sorted(question_set.levels, key=lambda d: d.level)
        ],
        definitions=[
            InvitedDefinition(id=d.id, term=d.term.get(lang), text=d.text.get(lang))
            for d in question_set.definitions
        ],
        questions=questions,
    )


_ANCHOR_FIELDS = ("one", "two", "three", "four", "five")


def anchors_of(question: Question, lang: Lang) -> Anchors:
    texts = [a.get(lang) for a in question.answers]
    return Anchors(**dict(zip(_ANCHOR_FIELDS, texts, strict=True)))


def check_text(text: str, field: str) -> None:
    """A name typed for ``field``: not too long, no control character."""
    if len(text) > MAX_NAME:
        raise ScanError("err.invite_text_long", field=field, limit=MAX_NAME, length=len(text))
    char = find_control(text)
    if char is not None:
        raise ScanError("err.option_control", option=field, char=char)


def question_set_of(invitation: Invitation) -> QuestionSet:
    """The questions of the file as a question set in the file's language, for showing
    them (``respond`` needs no installed set). Its id and version are the round's."""
    lang = invitation.language

    def text(value: str) -> Text:
        return Text({lang: value})

    principles: list[Principle] = []
    current: list[Question] = []
    items = invitation.questions
    for index, q in enumerate(items):
        current.append(
            Question(
                id=q.id,
                text=text(q.text),
                help=text(q.help),
                answers=[text(a) for a in q.anchors.texts()],
                allow_na=q.na_allowed,
                roles=list(q.roles),
            )
        )
        following = items[index + 1] if index + 1 < len(items) else None
        if following is None or following.principle_id != q.principle_id:
            principles.append(
                Principle(
                    id=q.principle_id,
                    title=text(q.principle),
                    description=text(q.principle),
                    questions=current,
                )
            )
            current = []
    levels = {d.level: d for d in invitation.levels}
    return QuestionSet(
        id=invitation.round.question_set,
        version=invitation.round.question_set_version,
        title=text(invitation.round.title),
        description=text(invitation.round.title),
        levels=[
            LevelDef(
                level=n,
                name=text(levels[n].name if n in levels else str(n)),
                description=text(levels[n].description if n in levels else str(n)),
            )
            for n in range(1, 6)
        ],
        principles=principles,
        languages=(lang,),
        definitions=[
            Definition(id=d.id, term=text(d.term), text=text(d.text))
            for d in invitation.definitions
        ],
    )
