"""Integrity of an .xlsx archive, checked before any sheet is read.

An .xlsx file is a zip archive; openpyxl decompresses a member only when it reads it, so
damage inside a sheet that is never read would pass unnoticed, and damage inside a sheet
that is read surfaces as a ``zlib.error`` deep inside the XML parser. :func:`check_archive`
therefore decompresses **every member** and checks its CRC-32 (what ``zipfile.testzip``
does, but also catching ``zlib.error``, which ``testzip`` lets through), and names the
damaged member and — for a worksheet — the sheet's name. A damaged workbook is refused
whole, even if the damage is in a sheet the reader does not use: the file is not the one
that was published, and the checksum in the catalogue was taken of a damaged copy.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from ..errors import IngestError

_CHUNK = 1 << 20


def check_archive(path: Path, file: str) -> None:
    """Refuse (IngestError naming ``file`` and the member / sheet) an .xlsx whose zip
    archive cannot be opened or any of whose members fails to decompress or its CRC-32
    check."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(f"cannot open as an Excel workbook (not a valid zip archive: {exc})",
                          file=file) from exc
    with archive:
        sheets = _sheet_names(archive)
        for info in archive.infolist():
            try:
                with archive.open(info) as member:
                    while member.read(_CHUNK):
                        pass
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                    NotImplementedError) as exc:
                raise IngestError(f"the workbook is damaged: its member {info.filename} "
                                  f"fails the zip integrity check ({type(exc).__name__}: "
                                  f"{exc})", file=file, sheet=sheets.get(info.filename)) from exc


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Archive member → sheet name, from ``xl/workbook.xml`` and its relationships; empty
    if those cannot be read (the member check then names members only)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return {}
    targets = {}
    for rel in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', rel), re.search(r'Target="([^"]+)"', rel)
        if rid and target:
            name = target.group(1)
            targets[rid.group(1)] = (name.lstrip("/") if name.startswith("/")
                                     else posixpath.normpath(posixpath.join("xl", name)))
    out = {}
    for sheet in re.findall(r"<sheet\b[^>]*>", book):
        name, rid = re.search(r'name="([^"]*)"', sheet), re.search(r'r:id="([^"]+)"', sheet)
        if name and rid and rid.group(1) in targets:
            out[targets[rid.group(1)]] = _unescape(name.group(1))
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def blank_cell_cause(path: Path, sheet: str, cell: str) -> str:
    """Why ``sheet!cell`` reads as empty, for an error message: a formula without a saved
    value, a cell inside a merged range, or an empty cell. Reads only that sheet's XML
    (this runs on an error path; the archive has passed :func:`check_archive`)."""
    unknown = "an empty cell, a formula without a saved value or a merged cell"
    try:
        with zipfile.ZipFile(path) as archive:
            member = {name: m for m, name in _sheet_names(archive).items()}.get(sheet)
            if member is None:
                return unknown
            root = ElementTree.fromstring(archive.read(member))
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, ElementTree.ParseError):
        return unknown
    for merged in root.iter(f"{_NS}mergeCell"):
        ref = merged.get("ref", "")
        if ":" in ref and _in_range(cell, ref):
            return (f"it is covered by the merged range {ref}, whose value stands in "
                    f"{ref.split(':')[0]} only")
    for element in root.iter(f"{_NS}c"):
        if element.get("r") == cell:
            formula, saved = element.find(f"{_NS}f"), element.find(f"{_NS}v")
            if formula is not None and (saved is None or not (saved.text or "").strip()):
                return (f"it holds the formula '={formula.text or ''}' with no saved value "
                        "(the workbook was not recalculated and saved by Excel)")
            break
    return "the cell is empty"


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _in_range(cell: str, ref: str) -> bool:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    col, row = range_boundaries(f"{cell}:{cell}")[:2]
    return min_col <= col <= max_col and min_row <= row <= max_row
