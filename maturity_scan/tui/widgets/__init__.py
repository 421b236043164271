"""Reusable widgets of the app.

May import Textual, Rich and the layers below the front ends; never a screen or the app.
"""
