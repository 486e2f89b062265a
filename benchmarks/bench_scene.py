"""Canvas scene by installation size: build the scene (placing and routing included), paint
every item of it into one 1920 x 1080 image (what the far-zoom picture costs, once per
change), and one frame of a 1920 x 1080 view fitted to the drawing and at 100 %."""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsView

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms, repeats_for
from evsld.ui.overview import OVERVIEW_ZOOM
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
    ms = median_ms(lambda: _paint(scene, whole), repeat)
    yield line("scene", "full paint (all items)", chargers, devices, ms)
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(int(SCREEN.width()), int(SCREEN.height()))
    view.fitInView(whole, Qt.AspectRatioMode.KeepAspectRatio)
    scene.set_overview(view.transform().m11() < OVERVIEW_ZOOM)
    ms = median_ms(lambda: view.viewport().grab(), repeat)
    yield line("scene", "view frame, fitted", chargers, devices, ms)
    scene.set_overview(False)
    view.resetTransform()
    view.centerOn(whole.left() + SCREEN.width() / 2, whole.top() + SCREEN.height() / 2)
    ms = median_ms(lambda: view.viewport().grab(), repeat)
    yield line("scene", "view frame @100%", chargers, devices, ms)
