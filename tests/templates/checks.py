"""What every template must be, at every parameter set, read with the oracle: each check
takes a Reading of a built project and asserts one family of the catalog's rules."""

from __future__ import annotations

from collections import Counter

from evsld.model.device import Device, PortRef
from tests.templates.oracle import SQRT3, Reading, U, iz

# room left for the drop along a busway run, whose r and x the calculation layer's catalogue
# holds: assuming r <= 0.3 mΩ/m, a 50 m run at 300 A with the load spread along it
# ((n+1)/(2n) ~ 0.51 of the end-load drop) drops 2.3 V = 1.0 %
BUSWAY_ALLOWANCE_PCT = 1.0


def devices(r: Reading, kind: str) -> list[Device]:
    return list(r.diagram.devices_of_kind(kind))


def supply(r: Reading) -> Device:
    (found,) = devices(r, "supply")
    return found


def main_board(r: Reading) -> Device:
    (found,) = [b for b in devices(r, "switchboard") if b["role"] == "main"]
    return found


def check_radial_and_fully_fed(r: Reading) -> None:
    t = r.topology
    assert t.unfed == () and t.loops == () and t.open_devices == ()
    assert len(t.order) == sum(1 for d in r.diagram.devices() if d.kind != "lms")


def check_each_point_has_its_own_breaker_and_30ma_rcd(r: Reading) -> None:
    """R722-DED, R722-OCPD-EVSE, R722-RCD-PRESENT/TYPE/POLES."""
    for evse in devices(r, "evse"):
        path = [r.diagram.device(d) for d in r.topology.up(evse.id)]
        breaker = next(d for d in reversed(path) if d.kind == "breaker")
        circuit = [r.diagram.device(d) for d in r.topology.down(breaker.id)]
        assert [d.id for d in circuit if d.kind in ("evse", "load", "switchboard", "busway")] == [
            evse.id
        ]
        assert breaker["standard"] in ("IEC 60898-1", "IEC 60947-2")
        if evse["current_type"] == "DC":
            assert evse["galvanic_separation"] and evse["points"] == 1
            continue
        assert evse["points"] == 1
        assert evse["rated_current_a"] <= breaker["in_a"] <= evse["max_upstream_ocpd_a"]
        rcds = [d for d in path if d.kind == "rcd" and d["i_delta_n_ma"] <= 30]
        if evse["integrated_rcd"] != "none":
            assert not rcds and evse["integrated_rcd_ma"] == 30
            assert evse["integrated_rcd"] == "B" or evse["rdc_dd"]
            assert evse["integrated_rcd_standard"] in ("IEC 62423", "IEC 61008-1")
        else:
            (rcd,) = rcds
            assert rcd["rcd_type"] == "B" and rcd["standard"] == "IEC 62423"
            below = [r.diagram.device(d).kind for d in r.topology.down(rcd.id)]
            assert sorted(set(below)) == ["cable", "evse"]  # this circuit only
            assert rcd["in_a"] >= breaker["in_a"]
            assert rcd["poles"] == breaker["poles"]
        # the neutral is switched with the lines (722.531.2.101)
        assert breaker["poles"] == ("1P+N" if evse["phases"] == 1 else "4P")


def check_single_phase_points_rotated(r: Reading) -> None:
    phases = Counter(e["phase"] for e in devices(r, "evse") if e["phases"] == 1)
    if phases:
        counts = [phases.get(p, 0) for p in ("L1", "L2", "L3")]
        assert max(counts) - min(counts) <= 1, counts


def check_named_and_placed_apart(r: Reading) -> None:
    everything = list(r.diagram.devices())
    assert [d.tag for d in everything if not d.name] == []
    assert max(Counter((d.placement.x, d.placement.y) for d in everything).values()) == 1
    assert r.project.metadata["title"] != "Untitled project"
    assert r.project.metadata["drawing_title"].startswith("Single-line diagram")


def check_zones(r: Reading) -> None:
    """Every point governed when there is load management; a dynamic zone reads the main
    meter; R722-LMS-6A: at least 6 A per point the zone governs (the office case study's
    fleet charges at night, so there its day points count)."""
    zones = devices(r, "lms")
    for zone in zones:
        links = r.diagram.links_at(PortRef(zone.id, "meas"))
        if zone["mode"] == "dynamic":
            (link,) = links
            assert r.diagram.device(link.other(zone.id).device).name == "Main meter"
        else:
            assert links == []
        governed = [r.diagram.device(e) for e in r.members[zone.id]]
        by_day = [e for e in governed if r.project.usage_group(e["usage_group"]) is None
                  or r.project.usage_group(e["usage_group"]).period != "night"]  # fmt: skip
        assert zone["limit_a"] >= 6.0 * len(by_day), zone.label()
    if zones:
        assert all(r.topology.zones_of(e.id) for e in devices(r, "evse"))


def check_cables_ib_in_iz(r: Reading) -> None:
    """R433-IB-IN-IZ with the first breaker above; I2 follows (60898: 1.45 In <= 1.45 Iz,
    60947-2: 1.30 Ir <= 1.45 Iz). A PEN conductor only in the incomer (R722-PEN)."""
    for cable in devices(r, "cable"):
        breaker = r.first_above(cable.id, "breaker")
        assert breaker is not None, cable.label()
        assert r.ib[cable.id] <= breaker["in_a"] + 1e-9 <= iz(cable) + 1e-9, cable.label()
        assert not cable["pen"] or cable.name == "Incomer"


def check_voltage_drop(r: Reading) -> None:
    """R525-VD: 5 % behind a public LV supply, 8 % behind a private substation, warned from
    80 % of that; points on a busway keep the allowance for the run."""
    limit = 5.0 if supply(r)["supply_kind"] == "public_lv" else 8.0
    for evse in devices(r, "evse"):
        on_busway = r.first_above(evse.id, "busway") is not None
        drop = r.cumulative_drop_pct(evse.id) + (BUSWAY_ALLOWANCE_PCT if on_busway else 0.0)
        assert drop <= 0.8 * limit, (evse.label(), drop)


def check_ratings_carry_their_load(r: Reading) -> None:
    """R-SWBD, R-BW-LOAD, R-BW-PROT, R-BW-TAPOFF, R-METER, R-SUPPLY."""
    for board in devices(r, "switchboard"):
        assert r.ib[board.id] <= board["rated_current_a"], board.label()
    for busway in devices(r, "busway"):
        feeder = r.first_above(busway.id, "breaker")
        assert r.ib[busway.id] <= feeder["in_a"] <= busway["rating_a"], busway.label()
        for tap in r.topology.children[busway.id]:
            if r.diagram.device(tap).kind != "tapoff":
                continue  # the feed unit's SPD
            below = [r.diagram.device(d) for d in r.topology.children[tap]]
            rated = max((d["in_a"] for d in below if d.kind == "breaker"), default=0.0)
            assert rated <= r.diagram.device(tap)["rating_a"] <= busway["max_tapoff_a"]
    (meter,) = devices(r, "meter")
    assert r.ib[meter.id] <= meter["ct_primary_a"]
    origin = supply(r)
    main = r.first_above(meter.id, "breaker")
    assert r.ib[origin.id] <= main["in_a"]
    if origin["contracted_power_kva"] is not None:
        assert r.ib[origin.id] <= origin["contracted_power_kva"] * 1000 / (SQRT3 * U)
    for transformer in devices(r, "transformer"):
        assert main["in_a"] <= transformer["rating_kva"] * 1000 / (SQRT3 * U)


def _trip(breaker: Device) -> tuple[float, float, float, float]:
    """(I_nf, I_f, Im min, Im max) per catalog §3 and §6."""
    setting = breaker["ir_a"] or breaker["in_a"]
    if breaker["curve"] == "adjustable":
        im = breaker["im_a"] or 10 * setting
        return 1.05 * setting, 1.30 * setting, 0.8 * im, 1.2 * im
    low, high = {"B": (3, 5), "C": (5, 10), "D": (10, 20)}[breaker["curve"]]
    if breaker["standard"] == "IEC 60947-2":
        return 1.05 * setting, 1.30 * setting, low * setting, high * setting
    return 1.13 * setting, 1.45 * setting, low * setting, high * setting


def check_selectivity_and_breaking_capacity(r: Reading) -> None:
    """R536 thermal (I_f below < I_nf above) and magnetic (Im max below < Im min above);
    R434-ICU against c_max 1.05 x Ik at the origin, which nothing downstream exceeds."""
    transformers = devices(r, "transformer")
    if transformers:
        t = transformers[0]
        ik = t["rating_kva"] / (SQRT3 * U * t["uk_pct"] / 100)
    else:
        ik = supply(r)["ik_max_ka"]
    for breaker in devices(r, "breaker"):
        assert breaker["icu_ka"] >= 1.05 * ik, breaker.label()
        above = r.first_above(breaker.id, "breaker")
        if above is not None:
            _, below_f, _, below_im = _trip(breaker)
            above_nf, _, above_im, _ = _trip(above)
            assert below_f < above_nf and below_im < above_im, (breaker.label(), above.label())


def check_surge_protection(r: Reading) -> None:
    """R443-REQ, R534-T1/T2 at the main board; R534-DIST for every charger."""
    (spd,) = [r.diagram.device(c) for c in r.topology.children[main_board(r).id]
              if r.diagram.device(c).kind == "spd"]  # fmt: skip
    if supply(r)["lightning_protection"]:
        assert spd["spd_type"] == "T1+T2" and spd["iimp_ka"] >= 12.5
    else:
        assert spd["spd_type"] == "T2" and spd["imax_ka"] >= 40  # medium exposure
    reach = r.project.settings["spd_max_distance_m"]
    for evse in devices(r, "evse"):
        assert r.spd_distance(evse.id) <= reach, evse.label()


def check_earthing(r: Reading) -> None:
    """TN-C-S: PEN only up to the split at the main board and never switched (3P above it);
    TT: each distribution circuit behind a time-delayed RCD with RA x IΔn <= 50 V (R41-TT),
    type B above EV points (R722-RCD-UP-DC), 3 x the IΔn of RCDs below (R535-RCD-SEL)."""
    origin = supply(r)
    earthing = origin["earthing"]
    main = main_board(r)
    assert main["pen_split"] == (earthing == "TN-C-S")
    above_split = set(r.topology.up(main.id))
    pen_cables = [c for c in devices(r, "cable") if c["pen"]]
    assert all(c.id in above_split for c in pen_cables)
    assert bool(pen_cables) == (earthing == "TN-C-S")
    for breaker in devices(r, "breaker"):
        if breaker.id in above_split:
            assert breaker["poles"] == ("3P" if earthing == "TN-C-S" else "4P")
    delayed = [d for d in devices(r, "rcd") if d["delay"] == "S"]
    if earthing != "TT":
        assert delayed == []
        return
    chargers = {e.id for e in devices(r, "evse")}
    for cable in devices(r, "cable"):
        if r.topology.children[cable.id][0] not in chargers:
            rcd = r.first_above(cable.id, "rcd")
            assert rcd is not None and rcd["delay"] == "S", cable.label()
    for rcd in delayed:
        assert origin["ra_ohm"] * rcd["i_delta_n_ma"] / 1000 <= 50
        below = [r.diagram.device(d) for d in r.topology.down(rcd.id)]
        assert rcd["rcd_type"] == ("B" if any(d.kind == "evse" for d in below) else "A")
        for other in below:
            if other.kind == "rcd":
                assert rcd["i_delta_n_ma"] >= 3 * other["i_delta_n_ma"]


CHECKS = (
    check_radial_and_fully_fed,
    check_each_point_has_its_own_breaker_and_30ma_rcd,
    check_single_phase_points_rotated,
    check_named_and_placed_apart,
    check_zones,
    check_cables_ib_in_iz,
    check_voltage_drop,
    check_ratings_carry_their_load,
    check_selectivity_and_breaking_capacity,
    check_surge_protection,
    check_earthing,
)
