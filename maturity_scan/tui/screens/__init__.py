"""The app's screens and dialogs.

A screen opens another full screen through the app (``self.app.show_results(...)``, see
``tui/services.py``) and starts a shared flow through ``tui/flows.py``; it imports dialog
modules, never another full screen's module.
"""
