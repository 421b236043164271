"""The Textual app: ``make_app``, the autosaver, screens and widgets.

May import everything below the front ends; never ``maturity_scan.cli``.
"""
