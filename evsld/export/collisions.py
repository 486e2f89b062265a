"""Texts the printed diagram could not keep clear, named as a reader finds them on paper.

evsld.geometry.label_fit moves every label that would print over a symbol or another label
to a free spot beside its symbol; when there is none it leaves the label in place and says
so. Here each such case gets the device tags, the sheet and the zone of the frame, so that
the CLI and the application can tell the designer where to look and what to move apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evsld.geometry.label_fit import LabelCollision
from evsld.geometry.primitives import Box
from evsld.model.project import Project

if TYPE_CHECKING:
    from evsld.export.diagram import PlacedView
    from evsld.export.parts import Parts
    from evsld.export.sheet import Sheet


@dataclass(frozen=True)
class PrintedCollision:
    tag: str  # the device whose label (or board whose name) prints over something
    over: tuple[str, ...]  # the tags of what it covers
    sheet: int
    zone: str
    board_name: bool = False

    def __str__(self) -> str:
        text = f"the name of board {self.tag}" if self.board_name else f"the label of {self.tag}"
        return (
            f"{text} prints over {', '.join(self.over)} on sheet {self.sheet}, zone "
            f"{self.zone}: no free place beside its symbol; move the devices apart"
        )


def locate(
    project: Project,
    collisions: Sequence[LabelCollision],
    parts: Parts,
    pages: Sequence[Sequence[PlacedView]],
    sheet: Sheet,
    first_sheet: int,
) -> tuple[PrintedCollision, ...]:
    """Each collision on the sheet that prints it (pages: the views on each diagram page)."""
    wanted = {c.device_id for c in collisions}
    where: dict[tuple[str, Box], tuple[int, PlacedView]] = {}
    for n, views in enumerate(pages):
        for placed in views:
            for i in placed.view.items:
                item = parts.items[i]
                if item.owner in wanted:
                    for box in item.boxes:
                        where[(item.owner, box)] = (n, placed)
    found = []
    for c in collisions:
        n, placed = where[(c.device_id, c.box)]  # every item is printed on one sheet
        b = c.box
        x, y = placed.world_to_sheet(((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2))
        found.append(
            PrintedCollision(
                project.diagram.device(c.device_id).tag,
                tuple(project.diagram.device(d).tag for d in c.over),
                first_sheet + n,
                sheet.zone_at(x, y),
                c.board_name,
            )
        )
    return tuple(found)
