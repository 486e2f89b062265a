"""Tools > Power Reservation: the design guide's §3 method, P_ev = A x N x P_evse x Cfn.

The user picks the site type and the number of parking spaces; A, P_evse and Cfn show the
guide's defaults for that site and size (evsld.calc.reservation) and each can be overridden.
The dialog shows the points to equip and the minimum power to reserve, and proposes the
reference-architecture template that matches, opened pre-filled in New from template.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from evsld.calc.reservation import SITE_LABELS, Reservation, defaults_for, power_reservation
from evsld.templates import TEMPLATES
from evsld.templates.parameters import TemplateError
from evsld.ui.style import SEVERITY_COLOURS
from evsld.ui.template_dialog import parameter_label

MAX_SPACES = 100_000
POINTS_PER_FLOOR = 40  # the car-park template's largest busway run
OUTDOOR_SHARE = 0.4  # office template: indoor busway, outdoor board (its defaults 15 + 10)


def template_for(reservation: Reservation) -> tuple[str, dict[str, Any]]:
    """The reference architecture of the site type with the reserved points and power.

    The template refuses values outside its bounds with its own message; nothing is clamped
    here. The power per point is the template's smallest offer at or above P_evse."""
    points = reservation.points
    if reservation.site == "residential":
        name, values = "residential", {"points": points}
    elif reservation.site == "workplace":
        outdoor = max(1, round(points * OUTDOOR_SHARE))
        name, values = "office", {"indoor_points": points - outdoor, "outdoor_points": outdoor}
    else:  # public parking and destination charging: a car park on busbar trunking
        floors = max(1, math.ceil(points / POINTS_PER_FLOOR))
        name, values = (
            "car-park",
            {"floors": floors, "points_per_floor": math.ceil(points / floors)},
        )
    offered = sorted(TEMPLATES[name].parameter("power_kw").choices)
    values["power_kw"] = next((p for p in offered if p >= reservation.p_evse_kw), offered[-1])
    return name, values


class Override(QWidget):
    """A value with the guide's default, editable once 'override' is ticked."""

    changed = Signal()

    def __init__(self, low: float, high: float, decimals: int, suffix: str) -> None:
        super().__init__()
        self.check = QCheckBox("override")
        self.spin = QDoubleSpinBox()
        self.spin.setRange(low, high)
        self.spin.setDecimals(decimals)
        self.spin.setSuffix(suffix)
        self.spin.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin, 1)
        layout.addWidget(self.check)
        self.check.toggled.connect(self.spin.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())

    def value(self) -> float | None:
        return self.spin.value() if self.check.isChecked() else None

    def show_default(self, value: float) -> None:
        if not self.check.isChecked():
            self.spin.blockSignals(True)
            self.spin.setValue(value)
            self.spin.blockSignals(False)


class ReservationDialog(QDialog):
    create_requested = Signal(str, dict)  # template name, parameter values

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Power reservation")
        self.site = QComboBox()
        for key, label in SITE_LABELS.items():
            self.site.addItem(label, key)
        self.spaces = QSpinBox()
        self.spaces.setRange(0, MAX_SPACES)
        self.spaces.setValue(40)
        self.spaces.setSuffix(" spaces")
        self.share = Override(0.0, 100.0, 1, " %")
        self.p_evse = Override(1.0, 400.0, 1, " kW")
        self.cfn = Override(0.0, 1.0, 2, "")
        form = QFormLayout()
        form.addRow("Site type", self.site)
        form.addRow("Parking spaces N", self.spaces)
        form.addRow("Share equipped A", self.share)
        form.addRow("Power per point P_evse", self.p_evse)
        form.addRow("Demand factor Cfn", self.cfn)
        self.points = QLabel()
        self.power = QLabel()
        self.formula = QLabel()
        self.guide_minimum = QLabel()
        result = QGroupBox("Result (design guide §3)")
        result_form = QFormLayout(result)
        result_form.addRow("Points to equip  A·N", self.points)
        result_form.addRow("Minimum power  P_ev", self.power)
        result_form.addRow("", self.formula)
        result_form.addRow("Guide's minimum reservation", self.guide_minimum)
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.create_button = QPushButton("Create from Template…")
        self.create_button.clicked.connect(self._create)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(result)
        layout.addWidget(self.proposal)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.site.currentIndexChanged.connect(lambda _i: self.update_result())
        self.spaces.valueChanged.connect(lambda _v: self.update_result())
        for override in (self.share, self.p_evse, self.cfn):
            override.changed.connect(self.update_result)
        self.reservation = self.update_result()

    def update_result(self) -> Reservation:
        site, spaces = self.site.currentData(), self.spaces.value()
        d = defaults_for(site, spaces)
        self.share.show_default(d.share_equipped * 100.0)
        self.p_evse.show_default(d.p_evse_kw)
        self.cfn.show_default(d.cfn)
        share = self.share.value()
        r = power_reservation(
            site,
            spaces,
            share_equipped=None if share is None else share / 100.0,
            p_evse_kw=self.p_evse.value(),
            cfn=self.cfn.value(),
        )
        self.reservation = r
        self.points.setText(f"<b>{r.points}</b> charging points")
        self.power.setText(f"<b>{r.p_ev_kw:.1f} kW</b>")
        self.formula.setText(
            f"{r.share_equipped:.0%} × {r.spaces} × {r.p_evse_kw:g} kW × {r.cfn:g}"
        )
        self.guide_minimum.setText(f"{r.min_reservation:.0%} (as printed in the guide)")
        name, values = template_for(r)
        template = TEMPLATES[name]
        shown = ", ".join(
            f"{parameter_label(template.parameter(k))} {v:g}" for k, v in values.items()
        )
        text = f"Matching template: <b>{template.title}</b> — {shown}"
        try:
            template.resolve(values)
        except TemplateError as err:  # shown, never clamped: the designer decides
            colour = SEVERITY_COLOURS["warning"].name()
            text += f"<br><span style='color:{colour}'>The template cannot take this: {err}</span>"
        self.proposal.setText(text)
        self.create_button.setEnabled(r.points > 0)
        return r

    def _create(self) -> None:
        name, values = template_for(self.reservation)
        self.create_requested.emit(name, values)
