"""Advance widths read from the bundled TrueType files."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from evsld.geometry.fontmetrics import FontError, read_advances, text_advance
from evsld.paths import font_path


@pytest.mark.parametrize("bold", [False, True])
def test_advances_match_reportlabs_reading_of_the_same_font(bold: bool) -> None:
    font = TTFontFile(str(font_path(bold)))
    for text in ("Q12", "RCD B 30 mA 4P", "IΔn 30 mA", "Ω", "mm²", "µs", "Zürich"):
        expected = sum(font.charWidths[ord(c)] for c in text) / 1000
        assert text_advance(text, bold) == pytest.approx(expected)
    assert text_advance("Q12", True) > text_advance("Q12", False)


def test_a_font_without_the_needed_tables_is_refused_by_name() -> None:
    data = font_path().read_bytes().replace(b"cmap", b"cmaq", 1)
    with pytest.raises(FontError, match=r"DejaVu\.ttf: no 'cmap' table"):
        read_advances(data, "DejaVu.ttf")
