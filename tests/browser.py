"""A real browser for the tests of the board report (#15): Debian's Chromium
(``/usr/bin/chromium``, ``apt-get install chromium``; ``.ci/run`` installs it when missing),
driven by the ``playwright`` package of the test extra, which never downloads a browser of
its own here. ``MATURITY_SCAN_CHROMIUM`` names another Chromium binary.

:func:`unavailable` says why there is no browser (the tests skip with that reason);
:func:`chromium` gives one, started headless without network services, sandbox or GPU.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser

DEFAULT = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def executable() -> Path:
    return Path(os.environ.get("MATURITY_SCAN_CHROMIUM") or shutil.which("chromium") or DEFAULT)


def unavailable() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    path = executable()
    if not path.is_file():
        return f"no Chromium at {path} (apt-get install chromium, or set MATURITY_SCAN_CHROMIUM)"
    if not os.access(path, os.X_OK):
        return f"{path} is not executable"
    return None


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(executable()), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF (ligatures such as "ﬁ" as their letters)."""
    import io
    import unicodedata

    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in pages]


def events(page: Any) -> dict[str, list[str]]:
    """What a page does, recorded: requests, console errors, page errors, dialogs."""
    seen: dict[str, list[str]] = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    return seen
