"""Rule packs: named, ordered groups of rules with unique ids."""

from __future__ import annotations

from dataclasses import dataclass

from evsld.rules.rule import Rule


@dataclass(frozen=True)
class RulePack:
    name: str
    title: str
    rules: tuple[Rule, ...]


def all_rules(packs: tuple[RulePack, ...]) -> list[Rule]:
    rules = [rule for pack in packs for rule in pack.rules]
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"rule ids registered twice: {', '.join(duplicates)}")
    return rules
