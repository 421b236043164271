"""What F1 lists: the keys of the screen shown, each action once, in the user's language."""

from __future__ import annotations

from dataclasses import replace

from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from maturity_scan.core.models import Lang
from maturity_scan.i18n import has_message, tr


def screen_keys(app: App[object], screen: Screen[object], lang: Lang) -> list[tuple[str, str]]:
    """(key, what it does) for the screen's keys and the app's: each action once, with the
    key the footer shows for it where it has one ("←", not the page-up that does the same;
    "1-5"); then the screen's own keys that a focused widget takes for itself (home's table
    takes Enter, to open the scan), if the screen offers them now. Textual's own bindings
    (scrolling, focus) are not ours to explain."""
    ours: list[Binding] = []
    for active in screen.active_bindings.values():
        binding = active.binding
        text_keys = active.node.__dict__.get("_binding_text_keys", {})
        if has_message(text_keys.get((binding.key, binding.action), "")):
            ours.append(binding)
    declared = [  # the screen's class and those it extends (a subclass adds to their keys)
        b for cls in type(screen).__mro__ for b in cls.__dict__.get("BINDINGS", [])
    ]
    own = [
        replace(b, description=tr(b.description, lang))
        for b in declared
        if isinstance(b, Binding) and has_message(b.description) and _offered(screen, b)
    ]
    keys: list[tuple[str, str]] = []
    seen: set[str] = set()
    for binding in sorted(ours + own, key=lambda b: not b.show):
        if binding.action == "help" or binding.description in seen:
            continue
        seen.add(binding.description)
        keys.append((binding.key_display or app.get_key_display(binding), binding.description))
    return keys


def _offered(screen: Screen[object], binding: Binding) -> bool:
    """Whether the screen offers this binding's action now (as the footer asks it)."""
    _, name, params = parse_action(binding.action)
    return screen.check_action(name, params) is True
