"""The drawing set as one PDF: diagram sheets, legend, then the report pages.

`export_pdf` is the one entry point (CLI and application). It refuses a set "for
construction" while the check report holds errors (the print gate) unless a draft is asked
for, in which case every sheet is stamped. Pages are laid out first so that every title block
knows the sheet count and every continuation mark its target sheet, then painted one by one,
reporting progress; the caller may cancel between pages. The file is written beside the
target and renamed over it only when complete, so an interrupted or failed export never
leaves a half-written PDF or destroys the previous one.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from evsld.calc.analysis import analyse
from evsld.export.collisions import PrintedCollision
from evsld.export.diagram import DiagramLayout, drawing_of, layout_diagram
from evsld.export.draw_diagram import draw_diagram_page
from evsld.export.fonts import REGULAR, register_fonts
from evsld.export.frame import SheetText, draw_draft_stamp, draw_frame
from evsld.export.legend import Entry, draw_legend_page, legend_entries, legend_pages
from evsld.export.painter import Painter
from evsld.export.report import report_sections
from evsld.export.sheet import DRAFT_BAND, Sheet, SheetFormatError, sheet_format
from evsld.export.tables import Block, draw_blocks, page_titles, paginate
from evsld.geometry.primitives import Box
from evsld.model.logo import MEDIA_TYPES, Logo, LogoError, decode_logo
from evsld.model.project import Project
from evsld.rules.engine import Report, check_project
from evsld.version import __version__

# (pages done, pages in all, what is being done) -> False to cancel; pages in all is 0
# while the page count is not known yet (checking, calculating, laying out)
Progress = Callable[[int, int, str], bool | None]


class ExportError(Exception):
    """The PDF could not be written; the message says why in one sentence."""


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was written."""


class PrintGateError(ExportError):
    """Errors remain in the check report and no draft was asked for."""

    def __init__(self, report: Report) -> None:
        super().__init__(
            f"the check report has {report.errors} error(s); fix them or export a draft"
        )
        self.report = report


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    diagram_sheets: int
    draft: bool
    errors: int  # in the check report printed
    # texts printed over a symbol or another text, for want of a free place (a warning)
    collisions: tuple[PrintedCollision, ...] = ()


@dataclass(frozen=True)
class _Page:
    kind: str  # "diagram", "legend", "report"
    index: int  # into the diagram pages, legend pages or report pages
    document: str  # for the title block


def export_pdf(
    project: Project,
    target: str | Path,
    *,
    sheet: str = "A3",
    draft: bool = False,
    report: Report | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the drawing set of `project` to `target`.

    `report` is the check report to print (checked here when not given). Raises
    PrintGateError when it has errors and `draft` is false, ExportCancelled when
    `progress` returns False, ExportError when the file cannot be written (the previous
    file, if any, is then left untouched)."""
    target = Path(target)
    try:
        layout_sheet = Sheet(sheet_format(sheet), DRAFT_BAND if draft else 0.0)
    except SheetFormatError as err:
        raise ExportError(str(err)) from None

    def stage(what: str) -> None:
        """Before the page count is known: total 0 (a busy indicator), still cancellable."""
        if progress is not None and progress(0, 0, what) is False:
            raise ExportCancelled("export cancelled; nothing was written")

    if report is None:
        stage("checking")
        report = check_project(project)
    if report.errors and not draft:
        raise PrintGateError(report)
    _check_target(target)
    logo = _printable_logo(project)
    register_fonts()
    stage("calculating")
    analysis = analyse(project)
    stage("drawing")
    drawing = drawing_of(project)
    stage("laying out the sheets")
    diagram = layout_diagram(project, drawing, layout_sheet)
    legend = legend_pages(legend_entries(drawing), layout_sheet.content)
    tables = paginate(report_sections(project, analysis, report), layout_sheet.content)
    pages = _pages(diagram, legend, tables)
    tmp = _temporary(target)
    try:
        canvas = Canvas(str(tmp), pageCompression=1, initialFontName=REGULAR)
        canvas.setTitle(project.metadata.get("title", ""))
        canvas.setAuthor(project.metadata.get("drawn_by", ""))
        canvas.setSubject(project.metadata.get("drawing_title", ""))
        canvas.setCreator(f"evsld {__version__}")
        for n, page in enumerate(pages):
            if progress is not None and progress(n, len(pages), page.document) is False:
                raise ExportCancelled("export cancelled; nothing was written")
            painter = Painter(canvas, layout_sheet.width, layout_sheet.height)
            key = f"sheet{n + 1}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(f"{n + 1}  {page.document}", key)
            area = layout_sheet.content
            if page.kind == "diagram":
                draw_diagram_page(painter, diagram, diagram.pages[page.index])
            elif page.kind == "legend":
                draw_legend_page(painter, legend[page.index], area, diagram.scale)
            else:
                draw_blocks(painter, tables[page.index], area)
            text = SheetText(n + 1, len(pages), page.document)
            draw_frame(painter, layout_sheet, project.metadata, logo, project.revisions, text)
            if draft:
                draw_draft_stamp(painter, layout_sheet, report.errors)
            canvas.showPage()
        with _binary_streams():
            canvas.save()
        if progress is not None:
            progress(len(pages), len(pages), "done")
        os.replace(tmp, target)
    except OSError as err:
        raise ExportError(f"cannot write {target}: {err.strerror or err}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return ExportResult(
        target, len(pages), len(diagram.pages), draft, report.errors, diagram.label_collisions
    )


def _pages(
    diagram: DiagramLayout, legend: list[list[tuple[Entry, Box]]], tables: list[list[Block]]
) -> list[_Page]:
    pages = []
    for n, page in enumerate(diagram.pages):
        boards = ", ".join(page.boards[:4]) + (" …" if len(page.boards) > 4 else "")
        title = "Single-line diagram" + (f"  {boards}" if boards else "")
        pages.append(_Page("diagram", n, title))
    pages += [_Page("legend", n, "Legend") for n in range(len(legend))]
    for n, blocks in enumerate(tables):
        titles = list(page_titles(blocks))
        shown = titles[0] if len(titles) == 1 else f"{titles[0]} to {titles[-1]}"
        pages.append(_Page("report", n, f"Report: {shown}"))
    return pages


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams written as they are, not also ASCII85-encoded (reportlab's
    default, for 7-bit mail): a quarter smaller, and reportlab's pure-Python encoder took
    a tenth of the time of a large set. The setting is global, so it is restored after."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _printable_logo(project: Project) -> Logo | None:
    """The title-block logo, decoded in full now: a hand-edited file can carry a sound header
    over broken image data, which reportlab would only trip on halfway through the set."""
    try:
        logo = decode_logo(project.metadata.get("logo", ""))
        if logo is not None:
            ImageReader(io.BytesIO(logo.data)).getRGBData()
    except LogoError as err:
        raise ExportError(f"the project's logo cannot be printed: {err}") from None
    except Exception:  # whatever the image decoder raises on broken data
        kind = MEDIA_TYPES[logo.media_type]
        raise ExportError(
            f"the project's logo cannot be printed: its {kind} image data is damaged; "
            "choose the logo again in File > Project properties"
        ) from None
    return logo


def _check_target(target: Path) -> None:
    """Refuse early, in words, what would fail after minutes of layout."""
    folder = target.parent
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"cannot write {target}: the folder {folder} is not writable")
    if target.exists() and not os.access(target, os.W_OK):
        raise ExportError(f"cannot write {target}: the file is read-only")


def _temporary(target: Path) -> Path:
    """A fresh file beside the target (same file system, so the final rename is atomic)."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as err:
        raise ExportError(f"cannot write {target}: {err.strerror or err}") from None
    os.close(fd)
    os.chmod(name, _file_mode(target))
    return Path(name)


def _file_mode(target: Path) -> int:
    """The replaced file's mode, or what a new file gets under the umask (mkstemp's 0600
    would make the drawing set private to its author)."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


__all__ = [
    "ExportCancelled",
    "ExportError",
    "ExportResult",
    "PrintGateError",
    "Progress",
    "export_pdf",
]
