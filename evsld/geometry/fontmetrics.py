"""Advance widths of the bundled DejaVu Sans Condensed, read straight from the TrueType file.

Label placement and overlap tests need real text widths without a font engine (no Qt below
evsld/ui): a width guessed per character either wastes space or lets labels collide on
screen. Only the tables needed for advances are read (head, hhea, hmtx and the Windows
Unicode BMP cmap), which takes a few milliseconds; kerning is ignored, as reportlab does.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from functools import cache, lru_cache

from evsld.paths import font_path


class FontError(ValueError):
    """The bundled font file lacks a table evsld needs."""


def _tables(data: bytes) -> dict[str, tuple[int, int]]:
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _cmap_format4(data: bytes, cmap: int) -> dict[int, int]:
    """Unicode code point -> glyph id from the (3, 1) format-4 subtable."""
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        sub = cmap + offset
        if (platform, encoding) == (3, 1) and struct.unpack_from(">H", data, sub)[0] == 4:
            break
    else:
        raise FontError("no Windows Unicode BMP (format 4) cmap")
    (seg_count,) = struct.unpack_from(">H", data, sub + 6)
    seg_count //= 2
    ends = struct.unpack_from(f">{seg_count}H", data, sub + 14)
    starts_at = sub + 16 + 2 * seg_count
    starts = struct.unpack_from(f">{seg_count}H", data, starts_at)
    deltas = struct.unpack_from(f">{seg_count}h", data, starts_at + 2 * seg_count)
    ranges_at = starts_at + 4 * seg_count
    ranges = struct.unpack_from(f">{seg_count}H", data, ranges_at)
    glyphs: dict[int, int] = {}
    for i, (start, end, delta, rng) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if rng == 0:
                glyphs[code] = (code + delta) & 0xFFFF
                continue
            at = ranges_at + 2 * i + rng + 2 * (code - start)
            (glyph,) = struct.unpack_from(">H", data, at)
            if glyph:
                glyphs[code] = (glyph + delta) & 0xFFFF
    return glyphs


@cache
def advances(bold: bool = False) -> tuple[Mapping[str, float], float]:
    """Character -> advance width in em, and the advance of the missing-glyph box, of the
    bundled font."""
    path = font_path(bold)
    return read_advances(path.read_bytes(), path.name)


def read_advances(data: bytes, name: str) -> tuple[Mapping[str, float], float]:
    tables = _tables(data)
    try:
        head, hhea, hmtx, cmap = (tables[t][0] for t in ("head", "hhea", "hmtx", "cmap"))
    except KeyError as err:
        raise FontError(f"{name}: no {err} table") from None
    (units_per_em,) = struct.unpack_from(">H", data, head + 18)
    (metric_count,) = struct.unpack_from(">H", data, hhea + 34)
    metric = struct.unpack_from(f">{2 * metric_count}H", data, hmtx)[::2]

    def advance(glyph: int) -> float:
        return metric[min(glyph, metric_count - 1)] / units_per_em

    table = {chr(code): advance(glyph) for code, glyph in _cmap_format4(data, cmap).items()}
    return table, advance(0)


@lru_cache(maxsize=8192)
def text_advance(text: str, bold: bool = False) -> float:
    """Width of a line of text in em (multiply by the font size for drawing units)."""
    table, missing = advances(bold)
    return sum(table.get(ch, missing) for ch in text)
