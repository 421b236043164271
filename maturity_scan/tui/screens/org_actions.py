"""The keys that change an organisation as a whole, shared by home (the selected row) and the
organisation screen (its own): ``r`` rename, ``m`` merge into another, ``g`` groups, ``i``
rescan interval. Each opens its flow in :mod:`maturity_scan.tui.org_flows`; afterwards the
screen follows the organisation under its new name (``follow``).

They are in F1 and the command palette, not in the footer (it keeps 80 columns).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from maturity_scan.core.organisations import OrgRow
    from maturity_scan.tui.screens.base import BaseScreen

BINDINGS: list[BindingType] = [
    Binding("r", "rename_org", "ui.key.rename_org", show=False),
    Binding("m", "merge_org", "ui.key.merge_org", show=False),
    Binding("g", "groups_org", "ui.key.groups_org", show=False),
    Binding("i", "rescan_org", "ui.key.rescan_org", show=False),
]
ACTIONS = ("rename_org", "merge_org", "groups_org", "rescan_org")


class OrgActions:
    """The four actions, for a screen that says how to start one on its organisation."""

    #: Start one of :data:`ACTIONS` (each screen defines it: it knows its organisation).
    _org_action: Callable[[str], None]

    def action_rename_org(self) -> None:
        self._org_action("rename_org")

    def action_merge_org(self) -> None:
        self._org_action("merge_org")

    def action_groups_org(self) -> None:
        self._org_action("groups_org")

    def action_rescan_org(self) -> None:
        self._org_action("rescan_org")


def run(
    screen: BaseScreen[Any],
    action: str,
    row: OrgRow,
    follow: Callable[[str], object],
    names: Sequence[str] | None = None,
    groups: Sequence[str] = (),
) -> None:
    """Start ``action`` (one of :data:`ACTIONS`) on organisation ``row``. ``names``: every
    organisation, for a merge (read off the UI thread when not given); ``groups``: every
    group in use, suggested while typing."""
    from maturity_scan.tui import org_flows

    if action == "rename_org":
        org_flows.rename_organisation_dialog(screen, row.name, follow)
    elif action == "groups_org":
        org_flows.groups_dialog(screen, row, follow, known=groups)
    elif action == "rescan_org":
        org_flows.rescan_dialog(screen, row.name, row.rescan_months, follow)
    elif names is not None:
        org_flows.merge_organisation_dialog(screen, row.name, names, follow)
    else:
        from maturity_scan.tui.flows import read_then

        store = screen.app.config.store
        read_then(
            screen,
            store.organisations,
            lambda found: org_flows.merge_organisation_dialog(screen, row.name, found, follow),
            group="merge-names",
        )


def palette(screen: BaseScreen[Any], start: Callable[[str], object]) -> Iterable[SystemCommand]:
    """The palette's entries for the actions, each calling ``start(action)``."""
    for action in ACTIONS:
        yield SystemCommand(
            screen.t(f"ui.cmd.{action}"),
            screen.t(f"ui.cmd.{action}.help"),
            lambda action=action: start(action),
        )
