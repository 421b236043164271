"""One organisation (Enter on home): its name, groups and when its next scan is due, then its
scans newest first, with the keys of the scans view (open, new scan, export, delete, edit,
history, compare, targets). Esc goes back to home.

It follows the database like home; when the organisation has no scan left (its last one was
deleted, here or by another program, or it was renamed or merged elsewhere), it goes back.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import Static

from maturity_scan.core.names import org_key
from maturity_scan.core.organisations import OrgRow
from maturity_scan.tui.flows import new_scan_dialog
from maturity_scan.tui.screens import org_actions
from maturity_scan.tui.screens.scan_rows import ScansRead
from maturity_scan.tui.screens.scans import ScansScreen
from maturity_scan.visible import visible


class OrganisationScreen(org_actions.OrgActions, ScansScreen):
    #: With the scans view's keys: r m g i (rename, merge, groups, rescan interval) and o
    #: (its team rounds).
    BINDINGS = [
        *org_actions.BINDINGS,
        Binding("o", "rounds", "ui.key.rounds", show=False),
        Binding("p", "board_report", "ui.key.board_report"),
    ]

    def __init__(self, organisation: str) -> None:
        super().__init__()
        self.organisation = organisation
        #: Its overview row from the last read (groups, rescan); None once it has no scan
        #: and no team round.
        self.row: OrgRow | None = None
        #: How many team rounds it has (the last read).
        self.rounds = 0

    def follow(self, name: str) -> None:
        """Show organisation ``name`` from now on (this one after a rename or merge: the
        ``then`` of ``tui/org_flows``), read again."""
        self.organisation = name
        self.load()

    def compose_head(self) -> ComposeResult:
        yield Static("", id="org-details", classes="hint", markup=False)

    def _take(self, read: ScansRead) -> None:
        if org_key(read.asked or "") != org_key(self.organisation or ""):
            return  # read before a rename was followed: the read for the new name comes next
        super()._take(read)
        self.row = read.organisation
        self.rounds = read.rounds
        if read.organisation is not None:
            self.organisation = read.organisation.name  # as stored (a rename elsewhere)

    def update_texts(self) -> None:
        super().update_texts()
        self.query_one("#org-details", Static).update(self.details())
        if self.loaded and self.error is None and self.row is None and self.is_current:
            self.dismiss(None)  # nothing left of it: back to home

    def title_text(self) -> str:
        name = self.row.name if self.row is not None else (self.organisation or "")
        return visible(name, single_line=True)

    def details(self) -> str:
        """Its groups and when its next scan is due."""
        row = self.row
        if row is None:
            return ""
        groups = ", ".join(visible(g, single_line=True) for g in row.groups)
        parts = [self.t("ui.org.groups", groups=groups) if groups else self.t("ui.org.no_groups")]
        if row.next_scan is None:
            parts.append(self.t("ui.org.no_next"))
        else:
            next_scan = self.t("ui.org.next", date=row.next_scan.isoformat())
            if row.rescan is not None:
                next_scan += f" ({self.t(f'ov.rescan.{row.rescan}')})"
            parts.append(next_scan)
        rounds = self.t("ui.org.rounds", count=self.rounds) if self.rounds else None
        parts.append(rounds or self.t("ui.org.no_rounds"))
        return " · ".join(parts)

    def action_new_scan(self) -> None:
        """A new scan of this organisation."""
        if self.catalog is None or not self.catalog.sets:
            if self.error:
                self.app.report(self.error)
            return
        name = self.row.name if self.row is not None else (self.organisation or "")
        new_scan_dialog(self, self.catalog, [name], self._started, preset=name)

    def action_rounds(self) -> None:
        """The organisation's team rounds (open one, join one, see where they disagree)."""
        from maturity_scan.tui.screens.rounds import RoundsScreen

        name = self.row.name if self.row is not None else (self.organisation or "")
        if name and not isinstance(self.app.screen, RoundsScreen):
            self.app.push_screen(RoundsScreen(name))

    def action_board_report(self) -> None:
        """The organisation's board report: its latest point with its history (#15)."""
        if self.row is not None:
            from maturity_scan.tui.report_flow import org_source, report_dialog

            report_dialog(self, org_source(self.row.name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in org_actions.ACTIONS or action in ("rounds", "board_report"):
            return self.row is not None
        return super().check_action(action, parameters)

    def _org_action(self, action: str) -> None:
        if self.row is not None:
            org_actions.run(self, action, self.row, self.follow)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield from super().palette_commands()
        if self.row is not None:
            yield SystemCommand(
                self.t("ui.cmd.rounds"), self.t("ui.cmd.rounds.help"), self.action_rounds
            )
            yield from org_actions.palette(self, self._org_action)
