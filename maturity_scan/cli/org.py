"""Organisations on the command line (#13): ``maturity-scan org list``, ``due``, ``show``,
``rename``, ``merge``, ``tag``, ``untag`` and ``set``.

``list`` prints the overview home shows (the same columns, from
:func:`maturity_scan.present.overview.overview_table`); ``--json`` gives its rows typed.
Rename and merge say what will move and ask first (``--yes`` does not ask); a refusal (an
unknown name, a rename onto another organisation, a merge with itself) is one line, exit 2,
and leaves the database as it was. Declining changes nothing either (exit 1, as
``scan delete`` and ``db reset``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from maturity_scan.cli.common import (
    CONTEXT,
    YES,
    _config,
    _confirm,
    _echo_json,
    _organisation,
    _typed,
    echo,
)
from maturity_scan.cli.texts import TranslatedGroup, option
from maturity_scan.config import Config
from maturity_scan.errors import ScanError
from maturity_scan.i18n import tr

if TYPE_CHECKING:
    from maturity_scan.core.models import Lang
    from maturity_scan.core.organisations import OrgRow


@click.group("org", cls=TranslatedGroup, context_settings=CONTEXT, help="help.org")
def org_group() -> None:
    """Organisations: the overview, rescans due, renaming, merging, groups."""


def _rows(config: Config, organisation: str | None = None) -> list[OrgRow]:
    """The overview's rows from one read (of ``organisation`` alone when given)."""
    from maturity_scan.core.organisations import overview
    from maturity_scan.dates import today

    if organisation is None:
        contents = config.store.overview_contents()  # answers only where they are scored
    else:
        contents = config.store.contents(organisation)
    catalog = config.catalog
    return overview(
        contents.scans,
        contents.targets,
        contents.organisations,
        lambda ref: catalog.find(ref.id, ref.version),
        today(),
        contents.rounds,
    )


def _row(config: Config, name: str) -> OrgRow:
    """The overview row of organisation ``name`` (an unknown name is an error)."""
    organisation = _organisation(config, name)
    return _rows(config, organisation)[0]


# ----------------------------------------------------------------- reading


@org_group.command("list", context_settings=CONTEXT, help="help.org.list")
@option("--group", "group", metavar="GROUP", help="help.opt.group")
@option("--search", "query", metavar="TEXT", help="help.opt.search")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def org_list(ctx: click.Context, group: str | None, query: str | None, as_json: bool) -> None:
    """Every organisation: latest levels, change, gap to its targets, rescan, open drafts."""
    from maturity_scan.core.organisations import OrgFilter, groups

    config = _config(ctx)
    lang = config.lang
    _typed(group, "--group")
    _typed(query, "--search")
    every = _rows(config)
    rows = [r for r in every if OrgFilter(query=query or "", group=group).admits(r)]
    if as_json:
        _echo_json(rows)
        return
    if not every:
        echo(tr("cli.org.empty", lang))
        return
    if not rows:
        echo(_no_match(group, query, groups(every), every, lang))
        return
    _print_overview(rows, config)


def _no_match(
    group: str | None, query: str | None, known: list[str], every: list[OrgRow], lang: Lang
) -> str:
    from maturity_scan.core.organisations import OrgFilter

    if group is not None and not any(OrgFilter(group=group).admits(r) for r in every):
        line = tr("cli.org.no_group", lang, group=group)
        if not known:
            return f"{line} {tr('cli.org.no_groups_yet', lang)}"
        shown = ", ".join(f"'{g}'" for g in known)
        return f"{line} {tr('cli.org.known_groups', lang, groups=shown)}"
    return tr("cli.org.no_match", lang, query=query or "")


def _print_overview(rows: list[OrgRow], config: Config) -> None:
    from maturity_scan.cli.text import cell_width, table, terminal_width
    from maturity_scan.present.overview import overview_table

    made = overview_table(rows, config.lang, terminal_width(), cell_width)
    echo(table(made.headers, [cells for _, cells in made.rows], shrink=[0]))


@org_group.command("due", context_settings=CONTEXT, help="help.org.due")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def org_due(ctx: click.Context, as_json: bool) -> None:
    """Organisations whose next scan is due or overdue, the most overdue first."""
    from maturity_scan.core.organisations import DUE_WITHIN_DAYS

    config = _config(ctx)
    lang = config.lang
    rows = sorted(
        (r for r in _rows(config) if r.rescan is not None and r.next_scan is not None),
        key=lambda r: (r.next_scan, r.key),
    )
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        echo(tr("cli.org.none_due", lang, days=DUE_WITHIN_DAYS))
        return
    from maturity_scan.cli.text import table
    from maturity_scan.present.overview import last_cell, rescan_cell

    headers = [
        tr("ov.col.org", lang),
        tr("cli.org.col.next", lang),
        tr("ov.col.rescan", lang),
        tr("ov.col.last", lang),
        tr("cli.org.col.every", lang),
    ]
    cells = [
        [
            r.name,
            r.next_scan.isoformat() if r.next_scan else "",
            rescan_cell(r, lang),
            last_cell(r),
            tr("org.n_months", lang, count=r.rescan_months),
        ]
        for r in rows
    ]
    echo(table(headers, cells, shrink=[0]))


@org_group.command("show", context_settings=CONTEXT, help="help.org.show")
@click.argument("name", metavar="NAME")
@option("--json", "as_json", is_flag=True, help="help.opt.json")
@click.pass_context
def org_show(ctx: click.Context, name: str, as_json: bool) -> None:
    """One organisation: its groups, scans, latest level and when it is due for a rescan."""
    config = _config(ctx)
    row = _row(config, name)
    if as_json:
        _echo_json(row)
        return
    lang = config.lang
    from maturity_scan.present.overview import level_cell

    shown = ", ".join(f"'{g}'" for g in row.groups)
    lines = [
        row.name,
        "  "
        + (
            tr("cli.org.known_groups", lang, groups=shown)
            if shown
            else tr("cli.org.show_no_groups", lang)
        ),
        "  " + tr("cli.org.show_scans", lang, done=row.scans, open=row.drafts),
    ]
    if row.last_scan is not None:
        level = level_cell(row, lang, with_name=True)
        last = tr("cli.org.show_last", lang, date=row.last_scan, level=level)
        key = _ROUND_POINT.get(row.latest_kind or "")  # a team round's point (#14)
        if key is not None and row.latest_round:
            last += " " + tr(key, lang, round=row.latest_round[:8])
        lines.append("  " + last)
    lines.append("  " + _rescan_line(row, lang))
    echo("\n".join(lines))


#: What ``org show`` adds when the latest point is a team round's.
_ROUND_POINT = {
    "consensus": "cli.org.show_last_consensus",
    "provisional": "cli.org.show_last_provisional",
}


def _rescan_line(row: OrgRow, lang: Lang) -> str:
    """The interval and the next scan's date (and whether it is due)."""
    from maturity_scan.present.overview import rescan_cell

    every = tr("cli.org.every", lang, months=tr("org.n_months", lang, count=row.rescan_months))
    if row.next_scan is None:
        return f"{every} {tr('cli.org.next_none', lang)}"
    if row.rescan is None:
        return f"{every} {tr('cli.org.next', lang, date=row.next_scan.isoformat())}"
    state = rescan_cell(row, lang)
    return f"{every} {tr('cli.org.next_state', lang, date=row.next_scan.isoformat(), state=state)}"


# ----------------------------------------------------------------- rename, merge


def _ask(ctx: click.Context, config: Config, question: str, yes: bool) -> None:
    """Ask ``question`` unless ``yes``; a no (or no input at all) ends the command (exit 1),
    nothing changed."""
    if yes:
        return
    try:
        agreed = _confirm(question, config.lang)
    except click.exceptions.Abort:  # end of input, ctrl+c: no
        echo(err=True)
        agreed = False
    if not agreed:
        echo(tr("cli.cancelled_db", config.lang), err=True)
        ctx.exit(1)


@org_group.command("rename", context_settings=CONTEXT, help="help.org.rename")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@YES
@click.pass_context
def org_rename(ctx: click.Context, old: str, new: str, yes: bool) -> None:
    """Give an organisation another name; its scans, targets and settings go with it."""
    from maturity_scan.core.names import org_key
    from maturity_scan.present.org_moves import preview, rename_text, renamed_text
    from maturity_scan.storage.organisations import check_name

    config = _config(ctx)
    lang = config.lang
    source = _organisation(config, old)
    _typed(new, "NEW")
    new = check_name(new)
    if new == source:
        echo(tr("cli.org.rename_same", lang, org=source))
        return
    taken = [n for n in config.store.organisations() if org_key(n) == org_key(new)]
    if taken and org_key(new) != org_key(source):
        raise ScanError("err.org_rename_taken", old=source, new=taken[0])
    contents = config.store.contents(source)
    moves = preview(contents.scans, contents.targets, source)
    _ask(ctx, config, f"{rename_text(moves, new, lang)} {tr('cli.org.ask_rename', lang)}", yes)
    moved = config.store.rename_organisation(source, new)
    echo(renamed_text(source, moved.name, moved.scans, moved.targets, lang))


@org_group.command("merge", context_settings=CONTEXT, help="help.org.merge")
@click.argument("source", metavar="FROM")
@click.argument("into", metavar="INTO")
@YES
@click.pass_context
def org_merge(ctx: click.Context, source: str, into: str, yes: bool) -> None:
    """Move everything of one organisation (FROM) to another (INTO); FROM is gone after."""
    from maturity_scan.present.org_moves import merge_text, merged_text, preview

    config = _config(ctx)
    lang = config.lang
    source, into = _organisation(config, source), _organisation(config, into)
    if source == into:
        raise ScanError("err.org_merge_same", org=source)
    contents = config.store.contents()
    moves = preview(contents.scans, contents.targets, source, into)
    _ask(ctx, config, f"{merge_text(moves, lang)} {tr('cli.org.ask_merge', lang)}", yes)
    moved = config.store.merge_organisations(source, into)
    echo(merged_text(source, moved.name, moved.scans, moved.targets, moved.dropped, lang))


# ----------------------------------------------------------------- groups, rescan interval


@org_group.command("tag", context_settings=CONTEXT, help="help.org.tag")
@click.argument("name", metavar="NAME")
@click.argument("groups", metavar="GROUP...", nargs=-1, required=True)
@click.pass_context
def org_tag(ctx: click.Context, name: str, groups: tuple[str, ...]) -> None:
    """Put an organisation in one or more groups (a region, a client year)."""
    _tag(ctx, name, groups, add=True)


@org_group.command("untag", context_settings=CONTEXT, help="help.org.untag")
@click.argument("name", metavar="NAME")
@click.argument("groups", metavar="GROUP...", nargs=-1, required=True)
@click.pass_context
def org_untag(ctx: click.Context, name: str, groups: tuple[str, ...]) -> None:
    """Take an organisation out of one or more groups."""
    _tag(ctx, name, groups, add=False)


def _tag(ctx: click.Context, name: str, groups: tuple[str, ...], *, add: bool) -> None:
    from maturity_scan.present.org_moves import groups_text

    config = _config(ctx)
    for group in groups:
        _typed(group, "GROUP")
    organisation = _organisation(config, name)
    changed = config.store.tag_organisation(organisation, groups, add=add)
    echo(groups_text(changed.name, changed.groups, config.lang))


@org_group.command("set", context_settings=CONTEXT, help="help.org.set")
@click.argument("name", metavar="NAME")
@option("--rescan-months", "months", type=int, required=True, metavar="N", help="help.opt.rescan")
@click.pass_context
def org_set(ctx: click.Context, name: str, months: int) -> None:
    """How often an organisation is scanned again (default every 12 months)."""
    config = _config(ctx)
    organisation = _organisation(config, name)
    config.store.set_rescan(organisation, months)
    row = _row(config, organisation)
    echo(f"{row.name}: {_rescan_line(row, config.lang)}")
