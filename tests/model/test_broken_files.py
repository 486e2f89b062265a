"""A corpus of broken and hostile files: each is refused with a clear error naming the place,
never a traceback, and `evsld check` exits 2 with a one-line reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evsld.model.fileformat import ProjectFileError, load_project

CORPUS = Path(__file__).resolve().parent.parent / "data" / "broken"

EXPECTED = {
    "absurd-cable-length.evsld": "$.devices[6].attributes.length_m: Length must be between 0.1 and 5000 m",
    "absurd-position.evsld": "$.devices[0].position: a position must lie within",
    "attribute-unknown-choice.evsld": "$.devices[5].attributes.rcd_type: RCD type must be one of AC, A, F, B",
    "attribute-wrong-type.evsld": "$.devices[7].attributes.power_kw: Rated power per point must be a number, not text",
    "bad-usage-group.evsld": "$.project.usage_groups[0]: usage group 'Fleet': period must be",
    "binary-garbage.evsld": "binary file",
    "control-character-tag.evsld": "$.devices[0].tag: a tag cannot",
    "dangling-connection.evsld": "$.connections[0]: connection c1 refers to device 'd99', which does not exist",
    "deep-nesting.evsld": "nested far deeper",
    "devices-not-a-list.evsld": "$.devices: must be a list, not an object",
    "duplicate-device-id.evsld": "$.devices[2]: a device with id 'd2' already exists",
    "duplicate-json-key.evsld": 'the key "format_version" appears twice',
    "duplicate-tag.evsld": "$.devices[2]: tag '+B1' is already used",
    "empty.evsld": "the file is empty",
    "format-version-as-text.evsld": "$.format_version must be a whole number, not text",
    "format-version-zero.evsld": "format version 0 does not exist",
    "huge-float.evsld": "the number 1e999 is too large",
    "huge-integer.evsld": "a number with 6000 digits",
    "huge-string.evsld": "$.devices[0].name: is 1000000 characters long",
    "latin1-encoded.evsld": "not valid UTF-8 text (bad byte 0xfc at line 7)",
    "missing-format-version.evsld": "$.format_version is missing",
    "nan-literal.evsld": "NaN is not a number",
    "newer-format-version.evsld": "format version 99, written by a newer evsld; this evsld reads format versions up to 1",
    "not-json.evsld": "not valid JSON at line 1, column 1",
    "occupied-single-port.evsld": "$.connections[22]: port 'in' of EV01 is already connected",
    "pickle-payload.evsld": "binary file",
    "top-level-array.evsld": "this file holds a list",
    "truncated.evsld": "the file is truncated",
    "unknown-attribute.evsld": "$.devices[6].attributes.colour: a cable has no attribute 'colour'",
    "unknown-device-kind.evsld": "$.devices[3].kind: unknown device kind 'teleporter'",
    "unknown-port.evsld": "$.connections[0]: G1.out to Q1.busbar: a circuit breaker has no port 'busbar'",
    "unknown-top-level-key.evsld": "$.macros: is not part of an evsld project",
    "utf16-encoded.evsld": "encoded as UTF-16",
    "whitespace-only.evsld": "the file is empty",
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.evsld")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_is_refused_with_its_reason(name: str) -> None:
    with pytest.raises(ProjectFileError) as caught:
        load_project(CORPUS / name)
    assert EXPECTED[name] in caught.value.one_line()
    assert caught.value.one_line().count("\n") == 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_exits_2_with_one_line_and_no_traceback(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "evsld", "check", str(CORPUS / name), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("evsld: error: ")
    assert EXPECTED[name] in lines[0]
    assert "Traceback" not in result.stderr
