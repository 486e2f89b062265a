"""Engineering tables of the rule catalog §6, transcribed once for this release.

The Iz0 tables are kept in the catalog's own layout (simplified IEC 60364-5-52 table as in
the Electrical Installation Guide) and parsed on import, so a reviewer can diff them against
the catalog line by line. "-" means the table gives no value: the calculation then reports
"no table value" (R52-IZ-TABLE) instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Iz0 (A), copper, 30 C air. Columns: method + insulation + loaded conductors.
_IZ0_CU = """
| S mm2 | B2 PVC3 | B2 PVC2 | B2 XLPE3 | B2 XLPE2 | C PVC3 | C PVC2 | C XLPE3 | C XLPE2 | E PVC3 | E PVC2 | E XLPE3 | E XLPE2 |
| 1.5 | 14.5 | 15.5 | 18.5 | 20 | 17 | 20 | 22 | 24 | 18.5 | 22 | 23 | 26 |
| 2.5 | 19.5 | 21 | 25 | 27 | 23 | 27 | 30 | 33 | 25 | 30 | 31 | 36 |
| 4 | 26 | 28 | 34 | 36 | 31 | 36 | 40 | 45 | 34 | 40 | 42 | 49 |
| 6 | 34 | 36 | 43 | 46 | 40 | 46 | 51 | 58 | 43 | 51 | 54 | 63 |
| 10 | 46 | 50 | 60 | 63 | 54 | 63 | 70 | 80 | 60 | 70 | 75 | 86 |
| 16 | 61 | 68 | 80 | 85 | 73 | 85 | 94 | 107 | 80 | 94 | 100 | 115 |
| 25 | 80 | 89 | 101 | 110 | 95 | 110 | 119 | 135 | 101 | 119 | 127 | 149 |
| 35 | - | 110 | 126 | 137 | 117 | 137 | 147 | 169 | 126 | 147 | 158 | 185 |
| 50 | - | 134 | 153 | 167 | 141 | 167 | 179 | 207 | 153 | 179 | 192 | 225 |
| 70 | - | 171 | 196 | 213 | 179 | 213 | 229 | 268 | 196 | 229 | 246 | 289 |
| 95 | - | 207 | 238 | 258 | 216 | 258 | 278 | 328 | 238 | 278 | 298 | 352 |
| 120 | - | 239 | 276 | 299 | 249 | 299 | 322 | 382 | 276 | 322 | 346 | 410 |
| 150 | - | - | 318 | 344 | 285 | 344 | 371 | 441 | 318 | 371 | 395 | 473 |
| 185 | - | - | 362 | 392 | 324 | 392 | 424 | 506 | 362 | 424 | 450 | 542 |
| 240 | - | - | 424 | 461 | 380 | 461 | 500 | 599 | 424 | 500 | 538 | 641 |
"""  # noqa: E501

# Iz0 (A), aluminium, same columns.
_IZ0_AL = """
| S mm2 | B2 PVC3 | B2 PVC2 | B2 XLPE3 | B2 XLPE2 | C PVC3 | C PVC2 | C XLPE3 | C XLPE2 | E PVC3 | E PVC2 | E XLPE3 | E XLPE2 |
| 2.5 | 15 | 16.5 | 19.5 | 21 | 18.5 | 21 | 23 | 26 | 19.5 | 23 | 24 | 28 |
| 4 | 20 | 22 | 26 | 28 | 25 | 28 | 31 | 35 | 26 | 31 | 32 | 38 |
| 6 | 26 | 28 | 33 | 36 | 32 | 36 | 39 | 45 | 33 | 39 | 42 | 49 |
| 10 | 36 | 39 | 46 | 49 | 44 | 49 | 54 | 62 | 46 | 54 | 58 | 67 |
| 16 | 48 | 53 | 61 | 66 | 58 | 66 | 73 | 84 | 61 | 73 | 77 | 91 |
| 25 | 63 | 70 | 78 | 83 | 73 | 83 | 90 | 101 | 78 | 90 | 97 | 108 |
| 35 | - | 86 | 96 | 103 | 90 | 103 | 112 | 126 | 96 | 112 | 120 | 135 |
| 50 | - | 104 | 117 | 125 | 110 | 125 | 136 | 154 | 117 | 136 | 146 | 164 |
| 70 | - | 133 | 150 | 160 | 140 | 160 | 174 | 198 | 150 | 174 | 187 | 211 |
| 95 | - | 161 | 183 | 195 | 170 | 195 | 211 | 241 | 183 | 211 | 227 | 257 |
| 120 | - | 186 | 212 | 226 | 197 | 226 | 245 | 280 | 212 | 245 | 263 | 300 |
| 150 | - | - | 245 | 261 | 226 | 261 | 283 | 324 | 245 | 283 | 304 | 346 |
| 185 | - | - | 280 | 298 | 256 | 298 | 323 | 371 | 280 | 323 | 347 | 397 |
| 240 | - | - | 330 | 352 | 300 | 352 | 382 | 439 | 330 | 382 | 409 | 470 |
"""  # noqa: E501

# (material, method, insulation, loaded conductors) -> {section mm2: Iz0 A}
IzColumn = tuple[str, str, str, int]


def _parse(material: str, text: str) -> dict[IzColumn, dict[float, float]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.strip().splitlines()
    ]
    header, body = rows[0][1:], rows[1:]
    columns: dict[IzColumn, dict[float, float]] = {}
    for name in header:
        method, rest = name.split()
        insulation, loaded = rest[:-1], int(rest[-1])
        columns[(material, method, insulation, loaded)] = {}
    for row in body:
        section = float(row[0])
        for name, cell in zip(header, row[1:], strict=True):
            if cell != "-":
                method, rest = name.split()
                columns[(material, method, rest[:-1], int(rest[-1]))][section] = float(cell)
    return columns


_IZ0: dict[IzColumn, dict[float, float]] = {**_parse("Cu", _IZ0_CU), **_parse("Al", _IZ0_AL)}
# Buried (method D), Cu XLPE 3 loaded: the only buried values the catalog gives.
_IZ0[("Cu", "D", "XLPE", 3)] = {6.0: 46.0, 10.0: 61.0, 16.0: 79.0}
IZ0: Mapping[IzColumn, Mapping[float, float]] = MappingProxyType(
    {k: MappingProxyType(v) for k, v in _IZ0.items()}
)

# Ambient factor kT (air, reference 30 C); method D rests on a 20 C ground reference for
# which the catalog has no factor table.
KT_TEMPERATURES = (25, 30, 35, 40, 45, 50, 55, 60)
KT = MappingProxyType(
    {
        "PVC": (1.06, 1.00, 0.94, 0.87, 0.79, 0.71, 0.61, 0.50),
        "XLPE": (1.04, 1.00, 0.96, 0.91, 0.87, 0.82, 0.76, 0.71),
    }
)
KT_GROUND_REFERENCE_C = 20.0

# Grouping factor kG (IEC 60364-5-52 Table B.52.17 layout).
KG_CIRCUITS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 20)
KG = MappingProxyType(
    {
        "bunched": (1.00, 0.80, 0.70, 0.65, 0.60, 0.57, 0.54, 0.52, 0.50, 0.45, 0.41, 0.38),
        "single_layer_wall": (
            1.00,
            0.85,
            0.79,
            0.75,
            0.73,
            0.72,
            0.72,
            0.71,
            0.70,
            0.70,
            0.70,
            0.70,
        ),
        "single_layer_ceiling": (
            0.95,
            0.81,
            0.72,
            0.68,
            0.66,
            0.64,
            0.63,
            0.62,
            0.61,
            0.61,
            0.61,
            0.61,
        ),
        "perforated_tray": (1.00, 0.88, 0.82, 0.77, 0.75, 0.73, 0.73, 0.72, 0.72, 0.72, 0.72, 0.72),
        "ladder": (1.00, 0.87, 0.82, 0.80, 0.80, 0.79, 0.79, 0.78, 0.78, 0.78, 0.78, 0.78),
    }
)
# B.52.17 note: single-layer arrangements see no further reduction beyond nine circuits;
# bunched cables keep falling, so beyond 20 bunched circuits there is no value.
KG_FLAT_BEYOND_TABLE = frozenset(KG) - {"bunched"}

# Voltage drop (IEC 60364-5-52 Annex G form): rho1 = 1.25 x rho20 (ohm mm2/m), lambda (ohm/m).
RHO1 = MappingProxyType({"Cu": 0.0225, "Al": 0.036})
RHO20 = MappingProxyType({m: r / 1.25 for m, r in RHO1.items()})  # 0.018 Cu, 0.0288 Al
LAMBDA_OHM_PER_M = 0.08e-3

# Adiabatic k (R434-ADIAB, IEC 60364-4-43 434.5.2).
K_ADIABATIC = MappingProxyType(
    {("Cu", "PVC"): 115.0, ("Cu", "XLPE"): 143.0, ("Al", "PVC"): 76.0, ("Al", "XLPE"): 94.0}
)

# Conductor temperature at the end of a short circuit (IEC 60364-5-54 Table A.54 / IEC 60724):
# PVC 160 C (140 C above 300 mm2), XLPE/EPR 250 C. Used for minimum short-circuit currents.
END_OF_FAULT_C = MappingProxyType({"PVC": 160.0, "XLPE": 250.0})
END_OF_FAULT_PVC_LARGE_C = 140.0
ALPHA_PER_K = 0.004  # IEC 60909-0: R_theta = (1 + 0.004 (theta - 20)) R20, Cu and Al
