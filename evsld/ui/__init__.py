"""The desktop editor (PySide6): the only package that imports Qt.

The scene mirrors the model through its change events, every edit is an undo command
wrapping a model operation, and the checker runs debounced after each edit.
"""
