"""The status bar's demand and phase currents, the Calculation dock and the inspector's
calculated values: evsld.calc's numbers, refreshed by the debounced check cycle."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from evsld.calc.analysis import analyse
from evsld.model.fileformat import load_project
from evsld.model.operations import SetAttribute
from evsld.paths import resources_dir
from evsld.ui.calc_panel import HEADERS, ID_ROLE
from evsld.ui.findings import CHECK_DELAY_MS
from evsld.ui.style import SEVERITY_COLOURS

EXAMPLE = resources_dir() / "examples" / "small-car-park.evsld"


def opened_example(make_window):
    window = make_window()
    assert window.files.open_path(EXAMPLE)
    window.checker.run_now()
    return window


def table_rows(window) -> list[list[str]]:
    proxy = window.calc_panel.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_status_bar_shows_the_calculated_demand_and_origin_currents(make_window) -> None:
    window = opened_example(make_window)
    expected = analyse(load_project(EXAMPLE))
    # the example: 4 x 22 kW (32 A) chargers and a 24 kW building load; no load management,
    # so the design demand is the total, 112.0 kW, and the origin carries 166.5 A per phase
    assert expected.demand.design_kw == 112.0
    i1, i2, i3 = expected.origin.phase_currents_a
    text = window.calc_label.text()
    assert text.startswith(f"Demand {expected.demand.design_kw:.1f} kW")
    assert f"L1 {i1:.1f} A" in text and f"L2 {i2:.1f} A" in text and f"L3 {i3:.1f} A" in text
    assert "L1 166.5 A" in text
    assert "0 errors" in window.check_label.text()  # next to the check counts


def test_the_calculation_dock_lists_every_fed_device_with_calc_values(make_window) -> None:
    window = opened_example(make_window)
    expected = analyse(load_project(EXAMPLE))
    rows = {row[0]: row for row in table_rows(window)}
    assert len(rows) == len(expected.results)
    cable = next(r for r in expected.results.values() if r.kind == "cable")
    tag = load_project(EXAMPLE).diagram.device(cable.device_id).tag
    row = rows[tag]
    assert row[HEADERS.index("Ib A")] == f"{cable.ib_a:.1f}"
    assert row[HEADERS.index("Iz A")] == f"{cable.iz_a:.1f}"
    assert row[HEADERS.index("ΔU cum %")] == f"{cable.vdrop_cum_pct:.2f}"
    assert row[HEADERS.index("Ik max kA")] == f"{cable.ik_max_ka:.2f}"
    assert row[HEADERS.index("Ik min kA")] == f"{cable.ik_min_ka:.2f}"
    assert expected.notes == ()  # the example lacks no data (Ze given): Ik min computed


def test_sorting_is_numeric_and_a_row_click_selects_and_centres_the_device(make_window) -> None:
    window = opened_example(make_window)
    table = window.calc_panel.table
    header = table.horizontalHeader()
    column = HEADERS.index("ΔU cum %")
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft()
        + QPointF(header.sectionViewportPosition(column) + 10, 8).toPoint(),
    )
    drops = [float(row[column]) for row in table_rows(window)]
    assert drops == sorted(drops) or drops == sorted(drops, reverse=True)
    assert drops[0] != drops[-1]

    proxy = window.calc_panel.proxy
    last = proxy.index(proxy.rowCount() - 1, 0)
    device_id = last.data(ID_ROLE)
    window.view.centerOn(5000, 5000)
    table.scrollTo(last)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(last).center()
    )
    assert window.scene.selected_device_ids() == [device_id]
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    item = window.scene.devices[device_id]
    assert (centre - item.sceneBoundingRect().center()).manhattanLength() < 100
    assert window.inspector.calc_box.isVisibleTo(window.inspector)


def test_the_figures_follow_edits_after_the_check_delay(make_window, qtbot) -> None:
    window = opened_example(make_window)
    analyses = []
    window.checker.analysed.connect(analyses.append)
    evse = next(d for d in window.document.project.diagram.devices() if d.kind == "evse")
    window.document.execute(SetAttribute(evse.id, "rated_current_a", 16.0))
    assert analyses == []  # not while the user is still editing
    window.select_and_centre([evse.id])
    # the old figures are greyed meanwhile
    assert not window.calc_label.isEnabled() and not window.inspector.calc_box.isEnabled()
    qtbot.waitUntil(lambda: len(analyses) == 1, timeout=CHECK_DELAY_MS * 10)
    assert window.calc_label.isEnabled() and window.inspector.calc_box.isEnabled()
    assert window.inspector.calc_box.values["Ib"].text().startswith("16.0 A")
    # one 32 A charger became 16 A: 166.5 - 16 = 150.5 A per phase at the origin
    assert "L1 150.5 A" in window.calc_label.text()


def test_the_inspector_shows_the_selected_devices_calculated_values(make_window) -> None:
    window = opened_example(make_window)
    expected = analyse(load_project(EXAMPLE))
    cable = next(r for r in expected.results.values() if r.kind == "cable")
    window.select_and_centre([cable.device_id])
    box = window.inspector.calc_box
    assert box.values["Iz"].text() == f"{cable.iz_a:.1f} A"
    assert box.values["Ib"].text().startswith(f"{cable.ib_a:.1f} A")
    ocpd = load_project(EXAMPLE).diagram.device(cable.ocpd_id).tag
    assert box.protected_by.text() == ocpd
    assert box.notes.text() == ""
    supply = window.document.project.diagram.by_tag("G1")
    window.document.execute(SetAttribute(supply.id, "ze_ohm", None), "Forget Ze")
    window.checker.run_now()
    window.select_and_centre([cable.device_id])
    assert "Ze" in box.notes.text()  # without Ze, Ik min is missing and the note says why


def test_without_a_supply_the_status_bar_says_so_instead_of_zero(window) -> None:
    window.editor.place("evse", QPointF(0, 0))
    window.checker.run_now()
    assert window.calc_label.text() == "Demand –"
    assert "No supply" in window.calc_label.toolTip()


def test_selecting_on_the_canvas_shows_the_row_without_moving_the_view(make_window) -> None:
    window = opened_example(make_window)
    evse = next(d for d in window.document.project.diagram.devices() if d.kind == "evse")
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    window.scene.select_devices([evse.id])
    assert window.calc_panel.selected_device() == evse.id
    assert window.view.mapToScene(window.view.viewport().rect().center()) == centre


def test_the_table_filters_by_tag_or_kind(make_window) -> None:
    window = opened_example(make_window)
    panel = window.calc_panel
    QTest.keyClicks(panel.filter, "CABLE")
    kinds = {row[1] for row in table_rows(window)}
    assert kinds == {"cable"}
    panel.filter.clear()
    QTest.keyClicks(panel.filter, "ev0")
    assert [row[0] for row in table_rows(window)] == ["EV01", "EV02", "EV03", "EV04"]


def test_values_past_their_limit_are_drawn_in_the_error_colour(make_window) -> None:
    """W1 feeds a 32 A charger: at 1.5 mm2 its Iz is far below 32 A; 2000 m of it drops more
    than the supply's 5 % limit."""
    window = opened_example(make_window)
    diagram = window.document.project.diagram
    cable = diagram.by_tag("W1")
    window.document.execute(SetAttribute(cable.id, "phase_section_mm2", 1.5))
    window.document.execute(SetAttribute(cable.id, "length_m", 2000.0))
    window.checker.run_now()
    result = window.checker.analysis.result(cable.id)
    assert result.iz_a < result.ib_a and result.vdrop_cum_pct > result.vdrop_limit_pct
    proxy = window.calc_panel.proxy
    (row,) = [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "W1"]
    red = SEVERITY_COLOURS["error"]
    for title in ("Iz A", "ΔU cum %"):
        assert proxy.index(row, HEADERS.index(title)).data(Qt.ItemDataRole.ForegroundRole) == red
    assert proxy.index(row, HEADERS.index("Ib A")).data(Qt.ItemDataRole.ForegroundRole) is None
