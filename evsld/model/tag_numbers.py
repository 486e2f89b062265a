"""The numbers in use per tag prefix, so the next free tag costs O(1), not a scan of every tag.

A drawing of 5,000 chargers holds ~21,000 tags; scanning them all for each new device made
building or pasting a large drawing quadratic (minutes for a 5,000-charger car park).
"""

from __future__ import annotations

import re
from collections import Counter

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def split_number(text: str) -> tuple[str, int] | None:
    """ "Q12" -> ("Q", 12): a tag's or id's prefix and trailing number, if it has one."""
    m = _NUMBERED.match(text)
    return (m.group(1), int(m.group(2))) if m else None


class TagNumbers:
    """Trailing numbers of the tags in use, per casefolded prefix (kept by the Diagram)."""

    def __init__(self) -> None:
        self._numbers: dict[str, Counter[int]] = {}
        self._highest: dict[str, int] = {}  # per prefix, dropped when its number goes

    def add(self, folded_tag: str) -> None:
        split = split_number(folded_tag)
        if split is None:
            return
        prefix, number = split
        self._numbers.setdefault(prefix, Counter())[number] += 1
        if prefix in self._highest:
            self._highest[prefix] = max(self._highest[prefix], number)

    def remove(self, folded_tag: str) -> None:
        split = split_number(folded_tag)
        if split is None:
            return
        prefix, number = split
        numbers = self._numbers[prefix]
        numbers[number] -= 1
        if numbers[number] == 0:
            del numbers[number]
            if self._highest.get(prefix) == number:
                del self._highest[prefix]

    def highest(self, folded_prefix: str) -> int:
        """The highest number in use after this prefix (0 when none is)."""
        found = self._highest.get(folded_prefix)
        if found is None:
            found = self._highest[folded_prefix] = max(
                self._numbers.get(folded_prefix, ()), default=0
            )
        return found
