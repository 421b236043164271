"""Textual's Footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from textual.dom import NoScreen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeysFooter(Footer):
    """Looks and works exactly like :class:`~textual.widgets.Footer`, but cheaper.

    Textual's Footer removes and remounts all its keys on every bindings signal (a focus
    change, each ``refresh_bindings``), even when nothing it shows has changed, and each new
    key is styled twice (``FooterKey`` starts compact and is restyled when bound to the
    footer's ``compact``). This one composes its keys at once when the screen's bindings are
    ready, rebuilds them after a signal only when what it would show differs, and gives each
    key its final ``compact`` before it is mounted.
    """

    def __init__(self, *, show_command_palette: bool = True, ready: bool = False) -> None:
        """``ready``: the screen's bindings are final when the footer is mounted (already
        translated), so the keys can be composed right away instead of after a signal."""
        super().__init__(show_command_palette=show_command_palette)
        self._shown: Hashable = None
        self._rebuild_queued = False
        if ready:
            self.set_reactive(Footer._bindings_ready, True)

    def _keys(self) -> Hashable:
        """Everything :meth:`compose` shows, to tell whether it would show something else."""
        if not self._bindings_ready:
            return ()
        display = self.app.get_key_display
        keys = tuple(
            (
                key,
                binding.action,
                binding.description,
                display(binding),
                enabled,
                tooltip,
                binding.group,
            )
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == self.app.COMMAND_PALETTE_BINDING
        )
        return (self.compact, self.show_command_palette, keys)

    def _is_removed_screen(self) -> bool:
        try:
            return self.screen not in self.app.screen_stack
        except NoScreen:
            return True

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Its final value before mount: no "-compact" class added and removed again.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        if not self.is_attached or self._is_removed_screen():
            return  # its screen was closed meanwhile (Esc right after it opened)
        if self._keys() != self._shown:
            await self.recompose()
