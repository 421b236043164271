"""The Textual app: ``make_app``, the autosaver, screens and widgets.

May import everything below the front ends; never ``maturity_scan.cli``.

Inside, top to bottom: ``app`` (the app; opens the full screens) → ``screens`` → ``flows``
(compare, targets, export, new scan, delete, edit: started on one screen, finished on
another) → dialogs and ``widgets``. Screens know the app only as ``services.ScanApp`` and
never import it; no module here is in an import cycle (``tests/test_tui_imports.py``).
"""
