"""``maturity-scan demo``: load the fictional demo organisation (once)."""

from __future__ import annotations

from datetime import date

import click

from maturity_scan.cli.common import CONTEXT, _config, echo
from maturity_scan.cli.texts import TranslatedCommand
from maturity_scan.i18n import tr


@click.command("demo", cls=TranslatedCommand, context_settings=CONTEXT, help="help.demo")
@click.pass_context
def demo_cmd(ctx: click.Context) -> None:
    """Load a fictional demo (once)."""
    from maturity_scan.core.models import Target
    from maturity_scan.exchange.demo import (
        DEMO_ORGANISATION,
        DEMO_SET_ID,
        DEMO_SET_VERSION,
        demo_scans,
        demo_targets,
    )

    config = _config(ctx)
    lang = config.lang
    question_set = config.catalog.get(DEMO_SET_ID, DEMO_SET_VERSION)
    today = date.today()
    scans = demo_scans(question_set, today)
    stored = {s.id for s in config.store.scans(DEMO_ORGANISATION)}
    if stored & {s.id for s in scans}:
        echo(tr("cli.demo_present", lang, org=DEMO_ORGANISATION))
        return
    targets = [
        Target(
            organisation=DEMO_ORGANISATION,
            question_set=question_set.id,
            principle=principle,
            level=level,
            by=by,
        )
        for principle, level, by in demo_targets(today)
    ]
    config.store.import_scans(scans, "demo", targets)
    echo(tr("cli.demo_loaded", lang, org=DEMO_ORGANISATION, count=len(scans)))
