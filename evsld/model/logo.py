"""The company logo of the title block, embedded in the project file as a data URI.

Embedded rather than a path beside the project: a project file is mailed, versioned and
opened elsewhere, and a drawing set whose logo silently vanished on another computer is
worse than a slightly larger file. The image is kept small (a title-block logo needs a few
hundred pixels) so project files stay quick to load and diff around it.

Only PNG and JPEG are accepted (what every PDF writer and Qt draw natively); the header is
read here, without an imaging library, to refuse anything else with a plain sentence.
"""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evsld.model.attributes import AttributeValueError, AttrSpec, AttrType

LOGO_MAX_BYTES = 256 * 1024  # the image itself, before base64
LOGO_MAX_PIXELS = 4096  # per side
MEDIA_TYPES = {"image/png": "PNG", "image/jpeg": "JPEG"}
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# data URI length: prefix + base64 of the largest image
LOGO_MAX_CHARS = len("data:image/jpeg;base64,") + 4 * -(-LOGO_MAX_BYTES // 3)


class LogoError(ValueError):
    """An image that cannot be the title-block logo; the message says why."""


@dataclass(frozen=True)
class Logo:
    media_type: str  # image/png or image/jpeg
    data: bytes
    width_px: int
    height_px: int

    @property
    def aspect(self) -> float:
        """Width over height, to fit the logo in its title-block cell undistorted."""
        return self.width_px / self.height_px

    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def logo_from_bytes(data: bytes) -> Logo:
    """A logo from the bytes of a PNG or JPEG file, or LogoError naming the problem."""
    if len(data) > LOGO_MAX_BYTES:
        raise LogoError(
            f"the logo image is {len(data) / 1024:.0f} KiB; at most "
            f"{LOGO_MAX_BYTES // 1024} KiB is embedded (a few hundred pixels wide is plenty)"
        )
    if data.startswith(_PNG_MAGIC):
        media_type, size = "image/png", _png_size(data)
    elif data.startswith(b"\xff\xd8"):
        media_type, size = "image/jpeg", _jpeg_size(data)
    else:
        raise LogoError("the logo must be a PNG or JPEG image")
    if size is None:
        raise LogoError(f"the {MEDIA_TYPES[media_type]} logo image is damaged")
    width, height = size
    if not (0 < width <= LOGO_MAX_PIXELS and 0 < height <= LOGO_MAX_PIXELS):
        raise LogoError(
            f"the logo image is {width} x {height} pixels; each side must be 1 to "
            f"{LOGO_MAX_PIXELS} pixels"
        )
    return Logo(media_type, data, width, height)


def logo_from_file(path: str | Path) -> Logo:
    """The logo in an image file (what File > Project properties offers to choose)."""
    path = Path(path)
    try:
        if path.stat().st_size > LOGO_MAX_BYTES:
            raise LogoError(
                f"{path.name} is {path.stat().st_size / 1024:.0f} KiB; at most "
                f"{LOGO_MAX_BYTES // 1024} KiB is embedded"
            )
        data = path.read_bytes()
    except OSError as err:
        raise LogoError(f"{path.name} cannot be read ({err.strerror or err})") from None
    return logo_from_bytes(data)


def decode_logo(uri: str) -> Logo | None:
    """The logo held in the metadata field (a data URI), None when the field is empty."""
    if not uri:
        return None
    head, comma, payload = uri.partition(",")
    media_type = head.removeprefix("data:").removesuffix(";base64")
    if not comma or not head.startswith("data:") or not head.endswith(";base64"):
        raise LogoError('the logo must be a data URI: "data:image/png;base64,..."')
    if media_type not in MEDIA_TYPES:
        raise LogoError(f"the logo must be image/png or image/jpeg, not {media_type[:40]!r}")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise LogoError("the logo's base64 data is damaged") from None
    logo = logo_from_bytes(data)
    if logo.media_type != media_type:
        raise LogoError(f"the logo is declared {media_type} but holds a {logo.media_type} image")
    return logo


def _png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which PNG requires first."""
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


@dataclass(frozen=True)
class LogoSpec(AttrSpec):
    """The metadata field holding the logo: text (a data URI) that must decode to an image."""

    def validate(self, value: Any) -> Any:
        if isinstance(value, str) and len(value) > self.max_length:
            raise AttributeValueError(
                f"{self.label}: the image is about {len(value) * 3 // 4 // 1024} KiB; at most "
                f"{LOGO_MAX_BYTES // 1024} KiB is embedded"
            )
        value = super().validate(value)
        try:
            decode_logo(value)
        except LogoError as err:
            raise AttributeValueError(f"{self.label}: {err}") from None
        return value


def logo_spec() -> LogoSpec:
    return LogoSpec(
        "logo",
        "Logo",
        AttrType.TEXT,
        "",
        max_length=LOGO_MAX_CHARS,
        help=f"PNG or JPEG of at most {LOGO_MAX_BYTES // 1024} KiB, embedded in the project "
        "file and printed in the title block",
    )
