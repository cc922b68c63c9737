"""Where figures and tables go, and deterministic saving (PNG + SVG + a JSON caption).

A notebook run by hand writes under ``reports/drafts/<focus>/`` — never into a finished
report's folder; the report points ``$KAWASAKI_ECON_FIGURES`` / ``$KAWASAKI_ECON_TABLES``
at its own build folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from matplotlib.figure import Figure

from ..analysis.areas import KAWASAKI
from ..paths import reports_dir
from .fonts import DPI, rc
from .footer import footer_of

#: Environment variable naming the directory where notebooks save figures.
FIGURES_ENV = "KAWASAKI_ECON_FIGURES"
#: Environment variable naming the directory where notebooks save tables.
TABLES_ENV = "KAWASAKI_ECON_TABLES"

PNG_METADATA = {"Software": None}
SVG_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


def _draft_dir(env: str, kind: str, focus: str | None) -> Path:
    value = os.environ.get(env)
    path = Path(value) if value else reports_dir() / "drafts" / (focus or KAWASAKI) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def output_dir(focus: str | None = None) -> Path:
    """Where notebooks save figures: ``$KAWASAKI_ECON_FIGURES`` when set (the report
    points it at its own build folder), otherwise ``reports/drafts/<focus>/figures``
    (``focus`` = area code, default Kawasaki 14130) — so a notebook run by hand never
    writes into a finished report's folder."""
    return _draft_dir(FIGURES_ENV, "figures", focus)


def table_dir(focus: str | None = None) -> Path:
    """Where notebooks save tables: ``$KAWASAKI_ECON_TABLES`` when set, otherwise
    ``reports/drafts/<focus>/tables`` (same rule as :func:`output_dir`)."""
    return _draft_dir(TABLES_ENV, "tables", focus)


class SavedFigure(list):
    """The paths written by :func:`save` ([png, svg]); in Jupyter it displays the saved
    PNG, so a cell ending in ``figures.save(...)`` shows the figure without drawing it
    a second time."""

    def _repr_png_(self) -> bytes:
        return Path(self[0]).read_bytes()


def save(fig: Figure, path_stem: str | os.PathLike, *, dpi: int = DPI) -> SavedFigure:
    """Write ``<path_stem>.png`` and ``<path_stem>.svg`` (plus a small ``.json`` with the
    title, footer and sources) deterministically: no timestamp or software metadata,
    fixed SVG hash salt, so the same figure gives byte-identical files.

    A bare name (no directory part) is saved under :func:`output_dir`. Returns the
    paths [png, svg] as a :class:`SavedFigure` (which displays the PNG in Jupyter).
    """
    footer = footer_of(fig)
    stem = Path(path_stem)
    if stem.parent == Path("."):
        stem = output_dir() / stem
    if stem.suffix in (".png", ".svg"):
        stem = stem.with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg, meta = (stem.with_name(stem.name + ext) for ext in (".png", ".svg", ".json"))
    with rc():
        fig.savefig(png, format="png", dpi=dpi, metadata=PNG_METADATA)
        fig.savefig(svg, format="svg", metadata=SVG_METADATA)
    info = {
        "name": stem.name,
        "title": footer.title or fig.get_suptitle()
        or next((ax.get_title() for ax in fig.axes if ax.get_title()), ""),
        "notes": list(footer.notes),
        "source": footer.source,
    }
    meta.write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return SavedFigure([png, svg])


def save_table(df, path_stem: str | os.PathLike) -> Path:
    """Write a table as ``<path_stem>.json`` (records, UTF-8, deterministic); a bare
    name goes under :func:`table_dir`. The report reuses such tables (e.g. the claims
    audit) instead of recomputing them."""
    stem = Path(path_stem)
    if stem.parent == Path("."):
        stem = table_dir() / stem
    stem.parent.mkdir(parents=True, exist_ok=True)
    path = stem.with_name(stem.name + ".json")
    text = df.to_json(orient="records", force_ascii=False, indent=1, date_format="iso")
    path.write_text(text + "\n", encoding="utf-8")
    return path


__all__ = ["FIGURES_ENV", "PNG_METADATA", "SVG_METADATA", "TABLES_ENV", "SavedFigure",
           "output_dir", "save", "save_table", "table_dir"]
