"""What the app uses of Textual that Textual does not promise to keep.

The app uses a few private names of Textual (no public API does the same). The runtime
dependency is pinned to the minor version tested (``textual>=8.2,<8.3``); before that pin is
raised, these tests say which private thing an upgrade broke. Each names what uses it.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
import textwrap
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.events import ScreenResume
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Footer, Static

import maturity_scan.tui

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"

#: Private names of Textual classes the app overrides on purpose (and where).
OVERRIDDEN = {
    "_handle_exception": "tui/app.py: MaturityScanApp records an internal error's traceback",
    "_print_error_renderables": "tui/app.py: MaturityScanApp prints one line instead",
    "_bindings_ready": "tui/widgets/footer.py: KeysFooter composes its keys at once",
}


def _requirements() -> dict[str, list[Requirement]]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    found: dict[str, list[Requirement]] = {}
    for text in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        requirement = Requirement(text)
        found.setdefault(requirement.name, []).append(requirement)
    return found


def test_the_runtime_dependency_is_pinned_to_the_minor_version_tested() -> None:
    runtime, tested = _requirements()["textual"]
    [pin] = tested.specifier
    assert pin.operator == "==", "the test extra pins Textual exactly"
    tested_version = Version(pin.version)
    next_minor = Version(f"{tested_version.major}.{tested_version.minor + 1}.0")
    assert tested_version in runtime.specifier
    assert next_minor not in runtime.specifier, (
        f"pyproject allows Textual {next_minor}, but the app uses Textual's private names "
        "(tests/test_textual_pin.py): test them with it first, then raise the pin"
    )
    assert Version(version("textual")) in runtime.specifier


def test_error_hooks_of_the_app() -> None:
    """tui/app.py: ``_handle_exception(error)`` is where Textual handles an internal error
    (the app writes the crash log there); ``_print_error_renderables()`` prints it at exit
    (the app prints one line instead)."""
    for name, parameters in [
        ("_handle_exception", ["self", "error"]),
        ("_print_error_renderables", ["self"]),
    ]:
        hook = getattr(App, name, None)
        assert callable(hook), f"textual.app.App.{name} is gone: crash logging breaks"
        assert list(inspect.signature(hook).parameters) == parameters, (
            f"textual.app.App.{name} takes other arguments now: crash logging breaks"
        )
    source = inspect.getsource(App)
    assert "self._handle_exception(" in source, "App no longer calls _handle_exception"
    assert "self._print_error_renderables()" in source, "App no longer prints errors at exit"


def test_key_bindings_of_a_node() -> None:
    """tui/screens/base.py ``translate_bindings``: a node's bindings are
    ``node._bindings.key_to_bindings`` (key → bindings); replacing a binding there changes
    what the footer and F1 show."""
    node = Static()
    bindings = getattr(node, "_bindings", None)
    assert isinstance(bindings, BindingsMap), "DOMNode._bindings is gone: texts of keys break"
    key_to_bindings = getattr(bindings, "key_to_bindings", None)
    assert isinstance(key_to_bindings, dict), "BindingsMap.key_to_bindings is gone"
    assert all(isinstance(b, Binding) for found in key_to_bindings.values() for b in found), (
        "BindingsMap.key_to_bindings no longer maps a key to a list of bindings"
    )
    assert dataclasses.is_dataclass(Binding) and "description" in {
        f.name for f in dataclasses.fields(Binding)
    }, "Binding is no longer a dataclass with a description (dataclasses.replace breaks)"


def test_the_footer_internals_the_keys_footer_uses() -> None:
    """tui/widgets/footer.py ``KeysFooter``: ``textual.widgets._footer.FooterKey`` (a key,
    with a ``compact`` reactive), ``Footer._bindings_ready`` (a reactive: the keys can be
    composed) and ``Footer.bindings_changed(screen)`` (called on every bindings signal)."""
    footer = importlib.import_module("textual.widgets._footer")
    key = getattr(footer, "FooterKey", None)
    assert isinstance(key, type) and issubclass(key, Widget), "FooterKey moved or is gone"
    assert isinstance(vars(key).get("compact"), Reactive), "FooterKey.compact is not reactive"
    assert isinstance(vars(Footer).get("_bindings_ready"), Reactive), (
        "Footer._bindings_ready is gone: KeysFooter would never show its keys"
    )
    assert "self._bindings_ready" in inspect.getsource(Footer.compose)
    changed = getattr(Footer, "bindings_changed", None)
    assert callable(changed) and list(inspect.signature(changed).parameters) == [
        "self",
        "screen",
    ], "Footer.bindings_changed(screen) changed: KeysFooter overrides it"
    assert "self.bindings_changed" in inspect.getsource(Footer), "Footer no longer uses it"


def test_screen_resume_can_skip_the_restyle() -> None:
    """tui/screens/home.py: a screen shown for the first time sets ``refresh_styles``."""
    assert "refresh_styles" in {f.name for f in dataclasses.fields(ScreenResume)}


# ----------------------------------------------------------------- no accidental override


def _textual_names(cls: type) -> set[str]:
    """Every name a Textual class and its Textual bases define or set on ``self``."""
    names = set(dir(cls))
    for base in cls.__mro__:
        if not base.__module__.startswith("textual"):
            continue
        try:
            source = textwrap.dedent(inspect.getsource(base))
        except (OSError, TypeError):
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "self":
                names.add(node.attr)
    return names


def _our_private_names(cls: type) -> set[str]:
    """The private names our class defines: methods, class attributes, ``self._x = …``."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            if getattr(node.value, "id", None) == "self":
                names.add(node.attr)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _app_classes() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(maturity_scan.tui.__path__, "maturity_scan.tui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if (
                isinstance(cls, type)
                and cls.__module__ == module.__name__
                and any(base.__module__.startswith("textual") for base in cls.__mro__)
            ):
                found.append(cls)
    return found


@pytest.mark.parametrize("cls", _app_classes(), ids=lambda cls: cls.__qualname__)
def test_no_private_name_of_ours_overrides_one_of_textual(cls: type) -> None:
    """A private attribute or method of our screens and widgets that Textual also has would
    silently replace Textual's (``_shown`` on a DataTable, ``_keys`` on a Footer …): only
    the deliberate overrides above may share a name."""
    textual_bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
    shared = _our_private_names(cls) & _textual_names(textual_bases[0]) - OVERRIDDEN.keys()
    assert not shared, f"{cls.__qualname__} overrides Textual's {sorted(shared)}"
