"""``maturity-scan round consensus``: store a round's consensus from a consensus answers
file (:mod:`~maturity_scan.exchange.consensus_file`), or write that file pre-filled with the
provisional answers (``--template``)."""

from __future__ import annotations

from pathlib import Path

import click

from maturity_scan.cli.common import ANY_PATH, CONTEXT, FILE, FORCE, YES, _config, _confirm, echo
from maturity_scan.cli.round import round_group
from maturity_scan.cli.round_show import round_question_set
from maturity_scan.cli.texts import option
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr


@round_group.command("consensus", context_settings=CONTEXT, help="help.round.consensus")
@click.argument("round_id", metavar="ROUND")
@option("--answers", "answers_path", type=ANY_PATH, help="help.opt.consensus_answers")
@option("--template", "as_template", is_flag=True, help="help.opt.consensus_template")
@option("-o", "--output", type=FILE, help="help.opt.output")
@FORCE
@YES
@click.pass_context
def round_consensus(
    ctx: click.Context,
    round_id: str,
    answers_path: Path | None,
    as_template: bool,
    output: Path | None,
    force: bool,
    yes: bool,
) -> None:
    """Store the round's consensus from ``--answers FILE`` (every answer that differs from
    the lower median needs a reason) and print its id; an earlier consensus is replaced
    after asking. ``--template`` writes the file to fill in instead."""
    from maturity_scan.core.round_report import attention_order, build_round_report

    config = _config(ctx)
    lang = config.lang
    if as_template == (answers_path is not None):
        if as_template:
            raise ScanError("err.consensus_template_and_answers")
        param = next(p for p in ctx.command.params if p.name == "answers_path")
        raise click.MissingParameter(ctx=ctx, param=param)
    contents = config.store.rounds.contents(round_id)
    made = contents.round
    question_set = round_question_set(ctx, config, made)
    if not contents.responses:
        raise ScanError("err.consensus_no_responses", id=made.short_id)
    report = build_round_report(made, contents.scans, question_set)
    provisional = report.statistics.provisional_answers
    if as_template:
        import json

        from maturity_scan.cli.exchange import _write_output
        from maturity_scan.exchange.consensus_file import consensus_template

        order = [q.question for q in attention_order(report.statistics.questions)]
        data = consensus_template(made, question_set, provisional, order)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        _write_output([text.encode("utf-8")], output, db=config.db_path, force=force)
        return
    assert answers_path is not None
    from maturity_scan.core.round_report import responses_basis
    from maturity_scan.exchange.consensus_file import consensus_scan, read_consensus
    from maturity_scan.inputs import MAX_INPUT_BYTES, read_bytes
    from maturity_scan.storage.scans import new_scan_id
    from maturity_scan.storage.store import now

    source = str(answers_path)
    data_bytes = read_bytes(answers_path, MAX_INPUT_BYTES)
    consensus = read_consensus(data_bytes, source, made, question_set, provisional)
    earlier = contents.consensus
    if earlier is not None and not yes:
        question = tr(
            "cli.round.confirm_replace_consensus",
            lang,
            id=earlier.short_id,
            date=earlier.date.date().isoformat(),
        )
        if not _ask(question, lang):
            echo(tr("cli.not_stored", lang), err=True)
            ctx.exit(1)
    scan = consensus_scan(made, consensus, new_scan_id(), now(), responses_basis(contents.scans))
    stored = config.store.rounds.set_consensus(made.id, scan)
    echo(
        tr(
            "cli.round.consensus_stored",
            lang,
            count=len(consensus.sources),
            overrides=consensus.overrides,
        ),
        err=True,
    )
    echo(stored.id)


def _ask(question: str, lang: str) -> bool:
    """Yes/no; no input (end of file) is no."""
    try:
        return _confirm(question, lang)
    except click.exceptions.Abort:
        click.echo(err=True)  # the prompt's line ends
        return False
