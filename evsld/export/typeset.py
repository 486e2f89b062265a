"""Fitting text into a cell: shrink down to a readable minimum, then wrap or shorten.

Sizes are in millimetres (cap-to-descender height of the em, as the painter sets them). A
printed drawing must stay readable, so text never shrinks below MIN_SIZE; what does not fit
then is wrapped over lines, or, where only one line fits, cut with an ellipsis so that it
never runs into the next cell.
"""

from __future__ import annotations

from evsld.geometry.primitives import text_width

MIN_SIZE = 1.8  # mm: the smallest lettering on a printed sheet (ISO 3098 allows 1.8)
ELLIPSIS = "…"


def fit_size(text: str, width: float, size: float, bold: bool = False) -> float:
    """The largest size at most `size` (and at least MIN_SIZE) at which text fits width."""
    needed = text_width(text, size, bold)
    if needed <= width:
        return size
    return max(MIN_SIZE, size * width / needed)


def shorten(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text, cut with an ellipsis when it is wider than width at this size."""
    if text_width(text, size, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if text_width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of at most width, broken at spaces (a word longer than a line is shortened).
    Widths add up (no kerning), so each word is measured once: a cell listing a thousand
    tags wraps in linear time."""
    space = text_width(" ", size, bold)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current, used = "", 0.0
        for word in paragraph.split(" "):
            needed = text_width(word, size, bold)
            if not current:
                current, used = word, needed
            elif used + space + needed <= width:
                current, used = f"{current} {word}", used + space + needed
            else:
                lines.append(current)
                current, used = word, needed
        lines.append(current)
    return [shorten(line, width, size, bold) for line in lines]
