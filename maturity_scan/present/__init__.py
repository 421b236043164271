"""Presentation shared by every front end: number, level and date formatting, text renderings
and the plotext charts.

May import: ``core`` and the kernel. Never storage or a front end; never Textual, click or Rich.
"""
