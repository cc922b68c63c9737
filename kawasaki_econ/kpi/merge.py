"""Combine the stored imports ``data/raw/kpi/NNNN_name.xlsx`` in import order.

The import sequence NNNN (in the file name, given by ``kawasaki-econ kpi import``) orders
the imports; file dates and catalogue order play no part. Each workbook is validated
against the shipped indicators plus the indicators defined by earlier imports.

Newest wins: where two imports give a value for the same indicator, kind, fiscal year
(and, for targets, the same ``target_label``), the row of the higher sequence number is
kept and its ``note`` says which value it replaces; the older row is left out of the
``kpi`` table (``superseded``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import IngestError, ParseError
from ..schema import KPI_WORKBOOKS
from . import rules
from .workbook import Indicator, WorkbookContent, read_workbook

WORKBOOK_DIR = "kpi"
#: One value per key: the newest import's.
KEY = ["indicator_id", "kind", "period_type", "period", "target_label"]


@dataclass(frozen=True)
class StoredImport:
    """One imported workbook: ``name`` (file stem, e.g. ``0003_kpi_history``), ``file``
    (relative to data/raw), ``seq`` (import sequence)."""

    name: str
    file: str
    path: Path
    seq: int


def stored_imports(raw: Path, paths: list[Path] | None = None) -> list[StoredImport]:
    """The imports in ``data/raw/kpi/`` (or the given ``paths`` there, e.g. the verified
    inputs of a build) in import order; Excel lock files ``~$…`` and hidden staging files
    are not imports."""
    folder = Path(raw) / WORKBOOK_DIR
    out: dict[int, StoredImport] = {}
    for path in sorted(folder.glob(KPI_WORKBOOKS.split("/")[-1]) if paths is None else paths):
        if path.name.startswith(("~$", ".")):
            continue
        file = f"{WORKBOOK_DIR}/{path.name}"
        try:
            seq = rules.import_sequence(path.name)
        except ParseError as exc:
            raise IngestError(str(exc), file=file) from exc
        if seq in out:
            raise IngestError(f"import number {seq} also used by {out[seq].file}", file=file)
        out[seq] = StoredImport(path.stem, file, path, seq)
    return [out[s] for s in sorted(out)]


def read_stored(raw: Path, known: dict[str, Indicator],
                imports: list[StoredImport] | None = None) -> list[WorkbookContent]:
    """Validate each import in order; the indicators one defines are known to the next."""
    known = dict(known)
    contents = []
    for item in stored_imports(raw) if imports is None else imports:
        content = read_workbook(item.path, known, name=item.file)
        known.update(content.indicators)
        contents.append(content)
    return contents


def definitions(known: dict[str, Indicator], contents: list[WorkbookContent]
                ) -> dict[str, Indicator]:
    """``known`` plus the indicators the workbooks define."""
    out = dict(known)
    for content in contents:
        out.update(content.indicators)
    return out


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in KEY + ["value", "source"]})


@dataclass
class Combined:
    """``rows``: the effective rows (newest import wins); ``superseded``: the older rows
    they replace."""

    rows: pd.DataFrame
    superseded: pd.DataFrame


def combine(contents: list[WorkbookContent]) -> Combined:
    """Apply the newest-wins rule to workbooks given oldest first."""
    frames = [c.rows.assign(import_order=i) for i, c in enumerate(contents) if len(c.rows)]
    if not frames:
        return Combined(_empty(), _empty())
    every = pd.concat(frames, ignore_index=True)
    every["merge_key"] = every[KEY].astype("string").fillna("").agg("|".join, axis=1)
    newest = ~every.duplicated("merge_key", keep="last")
    rows, older = every[newest].copy(), every[~newest]
    if len(older):
        previous = older.drop_duplicates("merge_key", keep="last").set_index("merge_key")
        for i in rows.index:
            key = rows.at[i, "merge_key"]
            if key in previous.index:
                old = previous.loc[key]
                replaced = f"replaces {old['value']:,.10g} from {old['source']}"
                note = rows.at[i, "note"]
                rows.at[i, "note"] = f"{note}; {replaced}" if isinstance(note, str) else replaced
    drop = ["import_order", "merge_key"]
    return Combined(rows.drop(columns=drop).reset_index(drop=True),
                    older.drop(columns=drop).reset_index(drop=True))
