"""Clause labels per country profile.

The catalog's clause numbers are the IEC 60364 ones. BS 7671 (UK) and NEK 400 (NO) adopt the
same parts under their own document names; where the catalog names a national number (BS 7671
722.411.4.1), the rule states it itself. DE, AT and CH print the IEC labels.
"""

from __future__ import annotations


def iec60364(part: str, number: str) -> tuple[str, dict[str, str]]:
    """(IEC label, labels per profile) for a clause of IEC 60364-`part`."""
    return (
        f"IEC 60364-{part} {number}",
        {"UK": f"BS 7671 {number}", "NO": f"NEK 400-{part} {number}"},
    )
