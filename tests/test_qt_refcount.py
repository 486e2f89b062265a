"""Guard against PySide6 6.12.0 on CPython 3.11: it drops a reference to None on every call of
a method returning nothing, and the interpreter aborts ("none_dealloc") after a few thousand.
The project pins PySide6 below 6.12; this test fails if a broken build slips back in."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")


def test_void_methods_keep_the_refcount_of_none(qapp) -> None:
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

    item = QGraphicsRectItem(0, 0, 10, 10)
    before = sys.getrefcount(None)
    for i in range(10_000):
        item.setPos(i, i)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, bool(i & 1))
    after = sys.getrefcount(None)
    assert after >= before - 10, f"None lost {before - after} references over 20,000 calls"
