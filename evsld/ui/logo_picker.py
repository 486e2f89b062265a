"""The title-block logo in File > Project properties: a preview, Choose… and Remove.

The project keeps the logo as a data URI (evsld.model.logo); a designer should see the
picture, never base64. The picker only proposes a value (`changed`); the project dialog
puts it into its single undo step, so Cancel forgets a chosen logo like any other edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from evsld.model.logo import LOGO_MAX_BYTES, Logo, LogoError, decode_logo, logo_from_file
from evsld.ui.style import QUIET

IMAGE_FILTER = "Logo images (*.png *.jpg *.jpeg);;All files (*)"
# About the shape of the title block's owner cell (50 x 20 mm, the company name below the
# logo), so the preview shows roughly how the logo will sit on the sheet.
PREVIEW_SIZE = QSize(240, 84)
NO_LOGO = "No logo"


def describe(logo: Logo) -> str:
    """What the designer needs to judge the file: format, pixels, embedded size."""
    kind = logo.media_type.removeprefix("image/").upper()
    return (
        f"{kind}, {logo.width_px} × {logo.height_px} px, {max(1, round(len(logo.data) / 1024))} KiB"
    )


def _image(logo: Logo) -> QImage:
    image = QImage()
    image.loadFromData(QByteArray(logo.data))
    return image


class LogoPicker(QWidget):
    """Shows the logo of a data URI and lets the designer choose another one or remove it.

    `changed` carries the new data URI ("" once removed); `refused` carries the sentence
    saying why a chosen file cannot be the logo (the shown logo then stays)."""

    changed = Signal(str)
    refused = Signal(str)

    def __init__(self, uri: str, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        # Where a chosen file comes from; tests replace it so no modal file dialog opens.
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet(f"QLabel {{ background: white; color: {QUIET.name()}; }}")
        self.caption = QLabel()
        self.caption.setStyleSheet(f"color: {QUIET.name()};")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setToolTip("A PNG or JPEG image, embedded in the project file")
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        row = QHBoxLayout()
        row.addWidget(self.preview)
        row.addLayout(buttons)
        row.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.caption)
        self.uri = ""
        self._show(uri)

    def _ask_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo", self.folder, IMAGE_FILTER)
        return Path(name) if name else None

    def choose(self) -> None:
        """Ask for an image file; show it and propose it, or say why it cannot be used."""
        path = self.ask_path()
        if path is None:
            return
        try:
            logo = logo_from_file(path)
        except LogoError as err:
            self.refused.emit(_refusal(path, str(err)))
            return
        if _image(logo).isNull():
            self.refused.emit(f"{path.name} is damaged: its image cannot be drawn.")
            return
        self.folder = str(path.parent)
        self._show(logo.data_uri())
        self.changed.emit(self.uri)

    def remove(self) -> None:
        self._show("")
        self.changed.emit("")

    def _show(self, uri: str) -> None:
        self.uri = uri
        logo = decode_logo(uri)  # the model only holds valid logos
        self.remove_button.setEnabled(logo is not None)
        if logo is None:
            self.preview.setText(NO_LOGO)
            self.caption.setText(
                f"PNG or JPEG up to {LOGO_MAX_BYTES // 1024} KiB, printed in the title block"
            )
            return
        image = _image(logo)
        self.caption.setText(describe(logo))
        if image.isNull():  # a header the model accepts over data Qt cannot decode
            self.preview.setText("The image cannot be drawn")
            return
        inner = self.preview.contentsRect().size() - QSize(8, 8)
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(
            pixmap.scaled(
                inner,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


def _refusal(path: Path, reason: str) -> str:
    """The model's reason as a sentence that names the file (once) and ends with a stop."""
    text = reason if path.name in reason else f"{path.name}: {reason}"
    return text if text.endswith(".") else text + "."
