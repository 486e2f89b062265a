"""Canvas scene by installation size: build the scene, paint it whole (zoomed out, the
level of detail of a fitted view) and paint one screen of it at 100 % (symbols and labels).

Painting goes into a 1920 x 1080 QImage on the offscreen platform, as the view would."""

from __future__ import annotations

import os
import statistics
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
        scenes.append(DiagramScene(project))
        scenes[-1].detach()

    samples = []
    for _ in range(repeat):
        scenes.clear()  # free the previous scene's items before the clock starts
        samples.append(median_ms(build, 1))
    yield line("scene", "build", chargers, devices, statistics.median(samples))
    scene = scenes[-1]
    whole = scene.itemsBoundingRect()
    screen_at_100 = QRectF(whole.left(), whole.top() + 500, SCREEN.width(), SCREEN.height())
    for what, source in (("full paint (fit)", whole), ("paint 1 screen @100%", screen_at_100)):
        ms = median_ms(lambda source=source: _paint(scene, source), repeat)
        yield line("scene", what, chargers, devices, ms)
