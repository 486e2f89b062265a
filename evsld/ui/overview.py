"""The far-zoom picture of a large drawing.

Zoomed far out on thousands of devices, every item is a dot, yet painting each one still
costs a call per item per frame. Below OVERVIEW_ZOOM a large scene hides its items and the
view shows one picture of the whole drawing instead, rendered once per change of the model
(not per frame), so zooming and panning there cost a single image blit.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from evsld.ui.style import PAPER

OVERVIEW_ZOOM = 0.06  # below this zoom, a large drawing is shown as one picture
OVERVIEW_MIN_ITEMS = 2000  # devices and wires; smaller drawings paint fast enough anyway
MAX_PIXELS = 4096  # the picture's longest side


class Overview:
    def __init__(self) -> None:
        self.active = False
        self.image: QImage | None = None
        self.rect = QRectF()

    def stale(self) -> None:
        self.image = None

    def render(self, scene: QGraphicsScene, items: Iterable[QGraphicsItem]) -> None:
        """Picture the scene's items (shown for the moment of rendering) at OVERVIEW_ZOOM,
        or smaller for a drawing wider than MAX_PIXELS at that zoom."""
        items = list(items)
        for item in items:
            item.setVisible(True)
        self.rect = scene.itemsBoundingRect()
        longest = max(self.rect.width(), self.rect.height(), 1.0)
        scale = min(OVERVIEW_ZOOM, MAX_PIXELS / longest)
        width = max(1, round(self.rect.width() * scale))
        height = max(1, round(self.rect.height() * scale))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(PAPER)
        painter = QPainter(image)
        scene.render(painter, QRectF(0, 0, width, height), self.rect)
        painter.end()
        self.image = image
        for item in items:
            item.setVisible(not self.active)

    def draw(self, painter: QPainter) -> None:
        if self.image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(self.rect, self.image)
