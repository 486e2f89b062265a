"""Canvas scene by installation size: build the scene, paint it whole (zoomed out, the
level of detail of a fitted view) and paint one screen of it at 100 % (symbols and labels).

Painting goes into a 1920 x 1080 QImage on the offscreen platform, as the view would."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.ui.scene import DiagramScene

SCREEN = QRectF(0, 0, 1920, 1080)


def _paint(scene: DiagramScene, source: QRectF) -> None:
    image = QImage(
        int(SCREEN.width()), int(SCREEN.height()), QImage.Format.Format_ARGB32_Premultiplied
    )
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, SCREEN, source)
    painter.end()


def run(chargers: int) -> Iterator[str]:
    QApplication.instance() or QApplication([])
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = repeats_for(chargers)
    scenes: list[DiagramScene] = []

    def build() -> None:
        scenes[:] = [DiagramScene(project)]  # the previous one is freed first
        scenes[0].detach()

    yield line("scene", "build", chargers, devices, median_ms(build, repeat))
    scene = scenes[-1]
    whole = scene.itemsBoundingRect()
    screen_at_100 = QRectF(whole.left(), whole.top() + 500, SCREEN.width(), SCREEN.height())
    yield line(
        "scene",
        "full paint (fit)",
        chargers,
        devices,
        median_ms(lambda: _paint(scene, whole), repeat),
    )
    yield line(
        "scene",
        "paint 1 screen @100%",
        chargers,
        devices,
        median_ms(lambda: _paint(scene, screen_at_100), repeat),
    )
