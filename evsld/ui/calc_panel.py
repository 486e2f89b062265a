"""The Calculation dock and the status-bar figures: evsld.calc's results, refreshed by the
live check cycle (so they never run while the user types or drags).

The table has one row per fed device (tag, kind, Ib, phase currents, Iz, cumulative voltage
drop, Ik max/min), sorts numerically on any column, filters by tag or kind, and selects and
centres the device of the chosen row. Values past their limit (Ib > Iz, drop over the
supply's limit) are drawn in the error colour; the calculation notes (missing data,
estimates) are listed under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from evsld.calc.analysis import Analysis, DeviceResult
from evsld.calc.currents import PHASES
from evsld.model.diagram import Diagram
from evsld.model.kinds import KINDS
from evsld.ui.style import QUIET, SEVERITY_COLOURS

DASH = "–"
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole
NO_PARENT = QModelIndex()
MIN_COLUMN_WIDTH = 64
NOTES_HEIGHT = 56  # about three notes; the splitter gives more on demand
COLUMN_PADDING = 24  # room for the sort arrow


class Column(NamedTuple):
    title: str
    tip: str
    value: Callable[[DeviceResult], float | None]
    digits: int


def _phase(index: int) -> Callable[[DeviceResult], float]:
    return lambda r: r.phase_currents_a[index]


NUMERIC_COLUMNS = (
    Column("Ib A", "design current the device carries on its load side", lambda r: r.ib_a, 1),
    *(Column(f"{p} A", f"current on phase {p}", _phase(i), 1) for i, p in enumerate(PHASES)),
    Column("Iz A", "current-carrying capacity of the cable or busway", lambda r: r.iz_a, 1),
    Column(
        "ΔU cum %",
        "voltage drop from the origin, on the worst phase",
        lambda r: r.vdrop_cum_pct,
        2,
    ),
    Column("Ik max kA", "maximum prospective short-circuit current", lambda r: r.ik_max_ka, 2),
    Column("Ik min kA", "minimum prospective short-circuit current", lambda r: r.ik_min_ka, 2),
)
HEADERS = ("Tag", "Kind", *(c.title for c in NUMERIC_COLUMNS))
IB_COLUMN, IZ_COLUMN, DROP_COLUMN = 2, 6, 7


def number(value: float | None, digits: int) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def over_limit(result: DeviceResult, column: int) -> bool:
    """Ib above Iz, or a cumulative drop above the supply's limit (shown in red)."""
    if column == IZ_COLUMN:
        return result.iz_a is not None and result.ib_a > result.iz_a
    if column == DROP_COLUMN:
        limit, drop = result.vdrop_limit_pct, result.vdrop_cum_pct
        return limit is not None and drop is not None and drop > limit
    return False


class CalcTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, DeviceResult]] = []  # (tag, result)

    def set_results(self, analysis: Analysis | None, diagram: Diagram | None) -> None:
        self.beginResetModel()
        self.rows = []
        if analysis is not None and diagram is not None:
            for device_id, result in analysis.results.items():
                device = diagram.get(device_id)
                self.rows.append((device.tag if device else device_id, result))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section >= 2:
            return NUMERIC_COLUMNS[section - 2].tip
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        tag, result = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return result.device_id
        if column < 2:
            text = tag if column == 0 else result.kind
            return text if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE) else None
        spec = NUMERIC_COLUMNS[column - 2]
        value = spec.value(result)
        if role == Qt.ItemDataRole.DisplayRole:
            return number(value, spec.digits)
        if role == SORT_ROLE:
            return float("-inf") if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if over_limit(result, column):
                return SEVERITY_COLOURS["error"]
            return QUIET if value is None else None
        return None


class TagOrKindFilter(QSortFilterProxyModel):
    """Sorts numerically (SORT_ROLE) and keeps the rows whose tag or kind holds the text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        needle = self.filterRegularExpression().pattern().lower()
        if not needle:
            return True
        tag, result = self.sourceModel().rows[source_row]
        return needle in tag.lower() or needle in result.kind


class CalcPanel(QWidget):
    """The Calculation dock's widget."""

    devices_selected = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.model = CalcTableModel()
        self.proxy = TagOrKindFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by tag or kind")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(220)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # feeding order until asked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(20)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = header.fontMetrics()
        longest = {1: max(KINDS, key=metrics.horizontalAdvance)}  # kind names in full
        for column, title in enumerate(HEADERS):
            text = longest.get(column, title)
            width = max(MIN_COLUMN_WIDTH, metrics.horizontalAdvance(text) + COLUMN_PADDING)
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.summary = QLabel()
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.itemClicked.connect(self._note_chosen)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.notes)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([300, NOTES_HEIGHT])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._quiet = False  # True while the selection follows the canvas

    def show_analysis(self, analysis: Analysis | None, diagram: Diagram | None) -> None:
        """Refresh from a new analysis, keeping the chosen device and the sort order."""
        chosen = self.selected_device()
        self.model.set_results(analysis, diagram)
        if chosen is not None:
            self.select_device(chosen)
        self.notes.clear()
        if analysis is None:
            self.summary.setText("No calculation")
            return
        for note in analysis.notes:
            item = QListWidgetItem(f"{note.severity.value}: {note.message}")
            item.setForeground(SEVERITY_COLOURS.get(note.severity.value, QUIET))
            item.setData(ID_ROLE, list(note.devices))
            self.notes.addItem(item)
        if not analysis.notes:
            self.notes.addItem("Every value could be calculated from the data given.")
        d = analysis.demand
        count = len(analysis.notes)
        self.summary.setText(
            f"Demand: day {d.day_kw:.1f} kW, night {d.night_kw:.1f} kW, total "
            f"{d.total_kw:.1f} kW; design {d.design_kw:.1f} kW ({demand_basis(analysis)})"
            f" — {count} note{'' if count == 1 else 's'}"
        )

    def selected_device(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_device(self, device_id: str) -> bool:
        """Show a device's row (the canvas selected it) without re-centring the canvas."""
        quiet, self._quiet = self._quiet, True
        try:
            return self._select_row(device_id)
        finally:
            self._quiet = quiet

    def _select_row(self, device_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) == device_id:
                self.table.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    def _row_chosen(self) -> None:
        device_id = self.selected_device()
        if not self._quiet and device_id is not None:
            self.devices_selected.emit([device_id])

    def _note_chosen(self, item: QListWidgetItem) -> None:
        devices = item.data(ID_ROLE)
        if devices:
            self.devices_selected.emit(list(devices))


def demand_basis(analysis: Analysis) -> str:
    """Why the design demand is what it is (design guide §4)."""
    if analysis.demand.load_managed:
        return "max(day, night), load managed"
    return "total, no load management"


def status_text(analysis: Analysis | None) -> tuple[str, str]:
    """The status bar's calculation figures and their tooltip."""
    if analysis is None or analysis.origin is None:
        return "Demand –", "No supply: draw a supply to get the demand and phase currents"
    d, origin = analysis.demand, analysis.origin
    currents = "  ".join(
        f"{p} {i:.1f} A" for p, i in zip(PHASES, origin.phase_currents_a, strict=True)
    )
    tip = (
        f"Design demand ({demand_basis(analysis)}): day {d.day_kw:.1f} kW, "
        f"night {d.night_kw:.1f} kW, total {d.total_kw:.1f} kW.\n"
        f"Phase currents at the origin; neutral {origin.neutral_a:.1f} A."
    )
    return f"Demand {d.design_kw:.1f} kW   {currents}", tip
