"""Numbers in cells: one rule for the cell parser and the vectorised (SSDSE) paths, and
the 2**53 limit checked on the exact value of the text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kawasaki_econ import catalog
from kawasaki_econ.cli import main
from kawasaki_econ.errors import ParseError
from kawasaki_econ.parse import parse_number, parse_numbers, plain_floats

SSDSE_B = "ssdse/SSDSE-B-2026.csv"


def test_two_to_the_53_plus_one_is_refused_not_rounded_to_two_to_the_53():
    assert parse_number("9007199254740992") == (float(2**53), None)
    for text in ("9007199254740993", "-9007199254740993", "9007199254740992.5",
                 "9.007199254740993e15"):
        with pytest.raises(ParseError, match=r"2\*\*53"):
            parse_number(text)
    assert parse_numbers(["1", "9007199254740993"])[2] == 1
    assert plain_floats(np.array([["9007199254740993"]], dtype=object)) is None


@pytest.mark.parametrize("cell", ["1_000", "1 000", "１０００", "nan", "inf"])
def test_the_fast_path_takes_only_plain_ascii_numbers(cell):
    """A cell the fast path does not take goes to the cell parser, which refuses it or
    reads it by its own rule (full-width digits); the fast path never reads it itself."""
    assert plain_floats(np.array([["5", cell]], dtype=object)) is None
    try:
        expected = parse_number(cell)
    except ParseError:
        expected = None
    values, reasons, bad = parse_numbers(["5", cell])
    if expected is None:
        assert bad == 1
    else:
        assert bad is None and (values[1], reasons[1]) == (1000.0, None) == expected


def test_underscore_digits_in_ssdse_b_are_refused_naming_row_and_column(project_copy: Path,
                                                                        capsys):
    raw = project_copy / "data" / "raw"
    path = raw / SSDSE_B
    lines = path.read_bytes().decode("cp932").split("\r\n")
    header = lines[0].split(",")
    column = header.index("A1101")
    cells = lines[2].split(",")  # line 3: the first data row
    assert cells[column] == "5092000"  # 北海道 2023 total population, as published
    cells[column] = "5_092_000"
    lines[2] = ",".join(cells)
    path.write_bytes("\r\n".join(lines).encode("cp932"))
    catalog.register(path, {"publisher": "test", "origin": "test"})
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for fragment in (SSDSE_B, "row 3", "column A1101", "5_092_000"):
        assert fragment in err, (fragment, err)
    assert not any((project_copy / "data" / "processed").iterdir())
