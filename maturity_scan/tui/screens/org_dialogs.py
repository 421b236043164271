"""Dialogs that change an organisation as a whole (#13): a new name, the organisation to merge
into, its groups and its rescan interval. Each checks what is typed and says what is wrong
under the field (the dialog stays open); each dismisses with its value, or None (Esc).

Names are data: titles, lists and errors show them through
:func:`maturity_scan.visible.visible` and never as markup. The flows that open these dialogs,
ask for confirmation and write are in :mod:`maturity_scan.tui.org_flows`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from maturity_scan.core.names import clean_name, fold, matches, org_key
from maturity_scan.errors import ScanError
from maturity_scan.storage.organisations import MAX_GROUPS, check_group, check_name
from maturity_scan.storage.scans import MAX_ORGANISATION
from maturity_scan.tui.screens.base import BaseModal
from maturity_scan.visible import find_control, visible

#: The longest interval that can be typed (storage refuses more than 120 months).
MAX_MONTHS = 120


def shown(name: str) -> str:
    """A name as a title or list shows it: control characters escaped, on one line."""
    return visible(name, single_line=True)


def editable(name: str) -> str:
    """A stored name as an input's first value: as it is, unless it holds a control
    character (an imported name), which is never put on screen raw: then empty."""
    return "" if find_control(name) is not None else name


class FoldSuggester(Suggester):
    """Completes the last comma-separated part of what is typed (the whole text with
    ``parts=False``) with the first of ``names`` that starts with it, case, accents and
    spacing ignored (:func:`~maturity_scan.core.names.fold`)."""

    def __init__(self, names: Sequence[str], *, parts: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._names = list(names)
        self._parts = parts

    async def get_suggestion(self, value: str) -> str | None:
        head, last = "", value
        if self._parts and "," in value:
            head, last = value.rsplit(",", 1)
            head += ","
            if last.startswith(" "):
                head, last = head + " ", last[1:]
        if not fold(last):
            return None
        for name in self._names:
            if fold(name).startswith(fold(last)) and find_control(name) is None:
                return head + name
        return None


ResultT = TypeVar("ResultT")


class _OrgDialog(BaseModal[ResultT | None]):
    """One field with its label and error, a title and a hint; Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]
    #: Message keys of the title (with ``{org}``), the label and the hint.
    TITLE_KEY = LABEL_KEY = ""
    HINT_KEY = "ui.org.hint"
    #: The dialog's value from its field; :class:`_Refused` when wrong (each dialog
    #: defines it).
    read: Callable[[], ResultT]

    def __init__(self, organisation: str, value: str, error: str | None = None) -> None:
        super().__init__(classes="dialog org-dialog")
        self.organisation = organisation
        self._value = value
        self._error = error

    def field(self) -> Input:
        return Input(self._value, id="org-input")

    def below(self) -> ComposeResult:
        """What comes under the field's error (override)."""
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("", id="org-title", classes="dialog-title", markup=False)
            yield Label("", id="org-label", markup=False)
            yield self.field()
            yield Label("", id="org-error", classes="error", markup=False)
            yield from self.below()
            yield Label("", id="org-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.show_error(self._error)
        self.query_one("#org-input", Input).focus()

    def update_texts(self) -> None:
        self.query_one("#org-title", Label).update(
            self.t(self.TITLE_KEY, org=shown(self.organisation))
        )
        self.query_one("#org-label", Label).update(self.t(self.LABEL_KEY))
        self.query_one("#org-hint", Label).update(self.t(self.HINT_KEY))

    def show_error(self, message: str | None) -> None:
        label = self.query_one("#org-error", Label)
        label.update(visible(message or ""))
        label.display = bool(message)

    def typed(self, field_key: str) -> str:
        """The field's text; a control character in it is refused (:class:`_Refused`, with
        the message naming the field ``field_key``)."""
        raw = self.query_one("#org-input", Input).value
        if (char := find_control(raw)) is not None:
            raise _Refused(self.t("ui.input.control", field=self.t(field_key), char=char))
        return raw

    @on(Input.Submitted, "#org-input")
    def _submitted(self) -> None:
        try:
            value = self.read()
        except _Refused as refused:
            self.show_error(refused.message)
            return
        except ScanError as err:
            self.show_error(err.render(self.lang))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RenameDialog(_OrgDialog[str]):
    """A new name for ``organisation``. ``check(name)`` says what is wrong with a name that
    is well formed (taken by another organisation), or None."""

    TITLE_KEY, LABEL_KEY = "ui.org.rename.title", "ui.org.rename.label"

    def __init__(
        self,
        organisation: str,
        check: Callable[[str], str | None] = lambda _name: None,
        value: str | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__(organisation, editable(organisation) if value is None else value, error)
        self._check = check

    def field(self) -> Input:
        return Input(self._value, id="org-input", max_length=MAX_ORGANISATION + 20)

    def read(self) -> str:
        name = check_name(self.typed("ui.org.field.name"))
        if name == self.organisation:
            raise _Refused(self.t("ui.org.name_same"))
        if (problem := self._check(name)) is not None:
            raise _Refused(problem)
        return name


class MergeDialog(_OrgDialog[str]):
    """Which of ``others`` ``organisation`` goes into: typing filters the list below (parts of
    words, case and accents ignored) and suggests the first name it starts; Enter takes the
    name typed, or the only one left; ↓ goes to the list."""

    TITLE_KEY, LABEL_KEY = "ui.org.merge.title", "ui.org.merge.label"
    HINT_KEY = "ui.org.merge.hint"
    BINDINGS = [Binding("down", "to_list", show=False)]

    def __init__(
        self,
        organisation: str,
        others: Sequence[str],
        value: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(organisation, value, error)
        self.others = [o for o in others if org_key(o) != org_key(organisation)]
        self.shown: list[str] = []

    def field(self) -> Input:
        return Input(self._value, id="org-input", suggester=FoldSuggester(self.others))

    def below(self) -> ComposeResult:
        yield OptionList(id="org-options")

    def on_mount(self) -> None:
        super().on_mount()
        self._filter(self._value)

    @on(Input.Changed, "#org-input")
    def _changed(self, event: Input.Changed) -> None:
        self._filter(event.value)
        if event.value != self._value:  # typed: the error of the text before is stale
            self._value = event.value
            self.show_error(None)

    def _filter(self, query: str) -> None:
        self.shown = [name for name in self.others if matches(query, [name])]
        options = self.query_one("#org-options", OptionList)
        options.clear_options()
        options.add_options(Option(RichText(shown(n)), id=str(i)) for i, n in enumerate(self.shown))
        options.display = bool(self.shown)

    def action_to_list(self) -> None:
        options = self.query_one("#org-options", OptionList)
        if self.shown and not options.has_focus:
            options.focus()
            options.highlighted = 0

    def read(self) -> str:
        query = self.typed("ui.org.field.name")
        exact = [n for n in self.others if org_key(n) == org_key(query)]
        if exact:
            return exact[0]
        if len(self.shown) == 1 and fold(query):
            return self.shown[0]
        if not self.shown:
            raise _Refused(self.t("ui.org.merge.no_match", query=clean_name(query)))
        raise _Refused(self.t("ui.org.merge.choose"))

    @on(OptionList.OptionSelected, "#org-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self.shown[int(event.option.id)])


class GroupsDialog(_OrgDialog[list[str]]):
    """``organisation``'s groups, typed as a list separated by commas; ``known`` (every
    group in use) are suggested as a part is typed and listed below."""

    TITLE_KEY, LABEL_KEY = "ui.org.groups.title", "ui.org.groups.label"

    def __init__(
        self,
        organisation: str,
        groups: Sequence[str],
        known: Sequence[str] = (),
        value: str | None = None,
        error: str | None = None,
    ) -> None:
        first = ", ".join(editable(g) for g in groups if editable(g))
        super().__init__(organisation, first if value is None else value, error)
        self.known = list(known)

    def field(self) -> Input:
        # the cursor after the groups, nothing selected: typing adds a group, never replaces
        # the list (Enter saves it)
        return Input(
            self._value,
            id="org-input",
            suggester=FoldSuggester(self.known, parts=True),
            select_on_focus=False,
        )

    def below(self) -> ComposeResult:
        yield Label("", id="org-known", classes="hint", markup=False)

    def update_texts(self) -> None:
        super().update_texts()
        names = ", ".join(shown(g) for g in self.known)
        self.query_one("#org-known", Label).update(
            self.t("ui.org.groups.known", groups=names) if names else self.t("ui.org.groups.none")
        )

    def read(self) -> list[str]:
        groups: list[str] = []
        for part in self.typed("ui.org.field.groups").split(","):
            if not clean_name(part):
                continue
            group = check_group(part)
            if not any(fold(g) == fold(group) for g in groups):
                groups.append(group)
        if len(groups) > MAX_GROUPS:
            raise ScanError("err.group_too_many", limit=MAX_GROUPS)
        return groups


class RescanDialog(_OrgDialog[int]):
    """How many months after its last scan ``organisation`` is due for the next one."""

    TITLE_KEY, LABEL_KEY = "ui.org.rescan.title", "ui.org.rescan.label"

    def __init__(self, organisation: str, months: int, error: str | None = None) -> None:
        super().__init__(organisation, str(months), error)

    def field(self) -> Input:
        return Input(self._value, id="org-input", type="integer", max_length=4)

    def read(self) -> int:
        text = self.query_one("#org-input", Input).value.strip()
        try:
            months = int(text)
        except ValueError:
            raise _Refused(self.t("ui.org.rescan.number")) from None
        if not 1 <= months <= MAX_MONTHS:
            raise ScanError("err.rescan_months", months=months)
        return months
