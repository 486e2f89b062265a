"""Toolbar icons: the desktop theme's icon where there is one, else a simple line drawing
in the style of the canvas (so the toolbar is never a row of bare words)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

SIZE = 24
_INK = QColor("#2f353d")
_ACCENT = QColor("#1f6feb")

Drawing = Callable[[QPainter], None]


def _render(draw: Drawing) -> QIcon:
    pixmap = QPixmap(SIZE * 2, SIZE * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(_INK, 1.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    draw(painter)
    painter.end()
    return QIcon(pixmap)


def _page(p: QPainter, x: float = 5, y: float = 3) -> None:
    path = QPainterPath(QPointF(x, y))
    path.lineTo(x + 9, y)
    path.lineTo(x + 14, y + 5)
    path.lineTo(x + 14, y + 18)
    path.lineTo(x, y + 18)
    path.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(path)
    p.drawPolyline([QPointF(x + 9, y), QPointF(x + 9, y + 5), QPointF(x + 14, y + 5)])


def _folder(p: QPainter) -> None:
    path = QPainterPath(QPointF(3, 6))
    for x, y in ((9, 6), (11, 8), (21, 8), (21, 19), (3, 19)):
        path.lineTo(x, y)
    path.closeSubpath()
    p.setBrush(QColor("#f2d38a"))
    p.drawPath(path)


def _save(p: QPainter) -> None:
    p.setBrush(QColor("#dfe7f3"))
    p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2)
    p.setBrush(QColor("white"))
    p.drawRect(QRectF(8, 4, 8, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


def _arrow(p: QPainter, redo: bool) -> None:
    path = QPainterPath()
    if redo:
        path.moveTo(6, 18)
        path.cubicTo(4, 9, 12, 6, 18, 10)
        tip = [QPointF(14, 6), QPointF(19, 11), QPointF(13, 13)]
    else:
        path.moveTo(18, 18)
        path.cubicTo(20, 9, 12, 6, 6, 10)
        tip = [QPointF(10, 6), QPointF(5, 11), QPointF(11, 13)]
    p.drawPath(path)
    p.drawPolyline(tip)


def _cut(p: QPainter) -> None:
    p.drawEllipse(QPointF(7, 17), 3, 3)
    p.drawEllipse(QPointF(17, 17), 3, 3)
    p.drawLine(QPointF(9, 15), QPointF(17, 4))
    p.drawLine(QPointF(15, 15), QPointF(7, 4))


def _copy(p: QPainter) -> None:
    p.setBrush(QColor("white"))
    p.drawRect(QRectF(4, 3, 11, 14))
    p.drawRect(QRectF(9, 7, 11, 14))


def _paste(p: QPainter) -> None:
    p.setBrush(QColor("#e9d7b5"))
    p.drawRoundedRect(QRectF(4, 5, 15, 16), 2, 2)
    p.setBrush(QColor("white"))
    p.drawRect(QRectF(8, 3, 7, 4))
    p.drawRect(QRectF(10, 10, 10, 12))


def _delete(p: QPainter) -> None:
    p.setPen(QPen(QColor("#cf222e"), 2.2, c=Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(6, 6), QPointF(18, 18))
    p.drawLine(QPointF(18, 6), QPointF(6, 18))


def _rotate(p: QPainter) -> None:
    path = QPainterPath()
    path.arcMoveTo(QRectF(5, 5, 14, 14), 120)
    path.arcTo(QRectF(5, 5, 14, 14), 120, -300)
    p.drawPath(path)
    p.drawPolyline([QPointF(5, 6), QPointF(8, 9), QPointF(4, 11)])


def _magnifier(p: QPainter, sign: str) -> None:
    p.drawEllipse(QPointF(10, 10), 6, 6)
    p.setPen(QPen(_INK, 2.6, c=Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))
    p.setPen(QPen(_INK, 1.6))
    if sign in "+-":
        p.drawLine(QPointF(7, 10), QPointF(13, 10))
    if sign == "+":
        p.drawLine(QPointF(10, 7), QPointF(10, 13))


def _fit(p: QPainter) -> None:
    for x, y, dx, dy in ((4, 4, 1, 1), (20, 4, -1, 1), (4, 20, 1, -1), (20, 20, -1, -1)):
        p.drawPolyline([QPointF(x + 5 * dx, y), QPointF(x, y), QPointF(x, y + 5 * dy)])
    p.drawRect(QRectF(9, 9, 6, 6))


def _check(p: QPainter) -> None:
    p.setPen(QPen(_ACCENT, 1.6))
    p.drawEllipse(QPointF(12, 12), 8.5, 8.5)
    p.setPen(QPen(_ACCENT, 2.4, c=Qt.PenCapStyle.RoundCap, j=Qt.PenJoinStyle.RoundJoin))
    p.drawPolyline([QPointF(8, 12.5), QPointF(11, 15.5), QPointF(16.5, 9)])


def _find(p: QPainter) -> None:
    _magnifier(p, "")


_DRAWINGS: dict[str, tuple[str, Drawing]] = {
    "new": ("document-new", _page),
    "open": ("document-open", _folder),
    "save": ("document-save", _save),
    "undo": ("edit-undo", lambda p: _arrow(p, redo=False)),
    "redo": ("edit-redo", lambda p: _arrow(p, redo=True)),
    "cut": ("edit-cut", _cut),
    "copy": ("edit-copy", _copy),
    "paste": ("edit-paste", _paste),
    "delete": ("edit-delete", _delete),
    "rotate": ("object-rotate-right", _rotate),
    "zoom-in": ("zoom-in", lambda p: _magnifier(p, "+")),
    "zoom-out": ("zoom-out", lambda p: _magnifier(p, "-")),
    "zoom-fit": ("zoom-fit-best", _fit),
    "check": ("tools-check-spelling", _check),
    "find": ("edit-find", _find),
}


@cache
def icon(name: str) -> QIcon:
    theme_name, drawing = _DRAWINGS[name]
    return QIcon.fromTheme(theme_name, _render(drawing))
