"""The symbol palette: categories of devices drawn as their symbols, with a search box.

Click an entry, then click the canvas to place it; or drag it onto the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from evsld.geometry.symbols import symbol_for
from evsld.model.project import Project
from evsld.ui.painter import draw_primitives
from evsld.ui.palette_entries import ENTRIES, PALETTE_MIME, PaletteEntry, entry_by_key
from evsld.ui.style import INK

ICON_SIZE = 32
_ENTRY_ROLE = Qt.ItemDataRole.UserRole


def symbol_icon(entry: PaletteEntry, size: int = ICON_SIZE) -> QIcon:
    """The entry's symbol scaled into a square icon (drawn by the canvas painter)."""
    sample = Project().make_device(entry.kind, **dict(entry.attrs))
    graphic = symbol_for(sample).graphic()
    box = graphic.box
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size for high-dpi screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scale = (size - 4) / max(box.width, box.height, 1.0)
    painter.translate(size / 2, size / 2)
    painter.scale(scale, scale)
    painter.translate(-(box.x0 + box.x1) / 2, -(box.y0 + box.y1) / 2)
    draw_primitives(painter, graphic.primitives, INK)
    painter.end()
    return QIcon(pixmap)


class _PaletteTree(QTreeWidget):
    def startDrag(self, actions) -> None:
        item = self.currentItem()
        key = item.data(0, _ENTRY_ROLE) if item else None
        if not key:
            return
        mime = QMimeData()
        mime.setData(PALETTE_MIME, key.encode("utf-8"))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(item.icon(0).pixmap(ICON_SIZE, ICON_SIZE))
        drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    entry_chosen = Signal(object)  # PaletteEntry: arm the place tool

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search symbols…")
        self.search.setClearButtonEnabled(True)
        self.tree = _PaletteTree()
        self.tree.setHeaderHidden(True)
        self.tree.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.tree.setDragEnabled(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._populate()
        self.search.textChanged.connect(self._filter)
        self.tree.itemClicked.connect(self._clicked)

    def _populate(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for entry in ENTRIES:
            group = groups.get(entry.category.value)
            if group is None:
                group = QTreeWidgetItem(self.tree, [entry.category.value])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[entry.category.value] = group
            item = QTreeWidgetItem(group, [entry.label])
            item.setIcon(0, symbol_icon(entry))
            item.setData(0, _ENTRY_ROLE, entry.key)
            item.setToolTip(0, f"{entry.label}: click, then click the drawing (or drag it there)")
            self._items[entry.key] = item
        self.tree.expandAll()

    def item_for(self, key: str) -> QTreeWidgetItem:
        return self._items[key]

    def _filter(self, text: str) -> None:
        for key, item in self._items.items():
            item.setHidden(not entry_by_key(key).matches(text))
        root = self.tree.invisibleRootItem()
        for i in range(root.childCount()):
            group = root.child(i)
            visible = any(not group.child(j).isHidden() for j in range(group.childCount()))
            group.setHidden(not visible)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, _ENTRY_ROLE)
        if key:
            self.entry_chosen.emit(entry_by_key(key))
