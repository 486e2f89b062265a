"""The inspector's read-only "Calculated" box: the selected device's results from evsld.calc.

It shows what the calculation found (currents, capacity, drops, fault currents, protecting
device) and, where a value is missing, the calculation's note saying why, so an empty field
never reads as "fine".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from evsld.calc.analysis import Analysis
from evsld.calc.currents import PHASES
from evsld.calc.notes import SC_NO_LOOP, SC_NO_SOURCE, TT_NO_RA, CalcNote
from evsld.model.diagram import Diagram
from evsld.ui.calc_panel import DASH, number
from evsld.ui.style import SEVERITY_COLOURS


class CalcResultsBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Calculated")
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for key in ("Ib", "Phases", "Neutral", "Iz", "ΔU", "ΔU cum", "Ik max", "Ik min", "Zs"):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = label
            self.form.addRow(key, label)
        self.protected_by = QLabel()
        self.form.addRow("Protected by", self.protected_by)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.form.addRow(self.notes)
        self.hide()

    def show_result(
        self, analysis: Analysis | None, diagram: Diagram, device_id: str | None
    ) -> None:
        result = analysis.result(device_id) if analysis and device_id else None
        if result is None:
            unfed = analysis is not None and device_id is not None
            self.setVisible(unfed and diagram.get(device_id) is not None)
            self._clear("Not fed by a supply: nothing is calculated." if unfed else "")
            return
        v = self.values
        v["Ib"].setText(f"{result.ib_a:.1f} A   (cos φ {result.cos_phi:.2f})")
        v["Phases"].setText(
            "   ".join(f"{p} {i:.1f}" for p, i in zip(PHASES, result.phase_currents_a, strict=True))
            + " A"
        )
        v["Neutral"].setText(f"{result.neutral_a:.1f} A")
        v["Iz"].setText(_unit(result.iz_a, 1, "A"))
        v["ΔU"].setText(_unit(result.vdrop_pct, 2, "%"))
        limit = f"   (limit {result.vdrop_limit_pct:g} %)" if result.vdrop_limit_pct else ""
        v["ΔU cum"].setText(_unit(result.vdrop_cum_pct, 2, "%") + limit)
        v["Ik max"].setText(_unit(result.ik_max_ka, 2, "kA"))
        v["Ik min"].setText(_unit(result.ik_min_ka, 2, "kA"))
        v["Zs"].setText(_unit(result.zs_ohm, 3, "Ω"))
        ocpd = diagram.get(result.ocpd_id) if result.ocpd_id else None
        self.protected_by.setText(ocpd.tag if ocpd else "no overcurrent device above")
        notes = _notes(analysis, result.device_id, result.source_id) if analysis else ()
        self.notes.setText("\n".join(n.message for n in notes))
        self.notes.setStyleSheet(f"color: {SEVERITY_COLOURS['warning'].name()};")
        self.notes.setVisible(bool(notes))
        self.show()

    def _clear(self, message: str) -> None:
        for label in (*self.values.values(), self.protected_by):
            label.setText(DASH)
        self.notes.setText(message)
        self.notes.setVisible(bool(message))


# notes on the supply that leave values out for everything it feeds
INSTALLATION_WIDE = frozenset({SC_NO_SOURCE, SC_NO_LOOP, TT_NO_RA})


def _notes(analysis: Analysis, device_id: str, source_id: str) -> tuple[CalcNote, ...]:
    """The device's own notes, and its supply's notes that concern the whole installation."""
    own = analysis.notes_for(device_id)
    if device_id == source_id:
        return own
    inherited = tuple(n for n in analysis.notes_for(source_id) if n.code in INSTALLATION_WIDE)
    return own + inherited


def _unit(value: float | None, digits: int, unit: str) -> str:
    return DASH if value is None else f"{number(value, digits)} {unit}"
