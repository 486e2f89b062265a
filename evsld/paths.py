"""Where the data evsld ships (symbols, fonts, examples) lives, in a checkout or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding symbols/ and resources/: the checkout root, or a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller sets this for frozen builds
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def symbols_dir() -> Path:
    return project_root() / "symbols"


def resources_dir() -> Path:
    return project_root() / "resources"


def font_path(bold: bool = False) -> Path:
    name = "DejaVuSansCondensed-Bold.ttf" if bold else "DejaVuSansCondensed.ttf"
    return resources_dir() / "fonts" / name


FONT_FAMILY = "DejaVu Sans Condensed"
