"""PDF export (check, calculations, drawing, split over sheets, paint, write) by size."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.synthetic import installation
from benchmarks.timing import line, median_ms
from evsld.export.diagram import drawing_of, layout_diagram
from evsld.export.document import export_pdf
from evsld.export.sheet import Sheet, sheet_format


def run(chargers: int) -> Iterator[str]:
    project = installation(chargers)
    devices = len(project.diagram)
    repeat = 3 if chargers <= 100 else 1  # a 1,000-charger set is tens of pages
    sheet = Sheet(sheet_format("A3"))
    drawing = drawing_of(project)
    yield line(
        "export",
        "split over A3 sheets",
        chargers,
        devices,
        median_ms(lambda: layout_diagram(project, drawing, sheet), repeat),
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "set.pdf"
        pages: list[int] = []

        def export() -> None:
            pages.append(export_pdf(project, target, draft=True).pages)

        ms = median_ms(export, repeat)
        yield line("export", f"A3 PDF, {pages[-1]} pages", chargers, devices, ms)
