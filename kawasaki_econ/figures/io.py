"""Where figures and tables go, and deterministic saving (PNG + SVG + a JSON caption).

A notebook run by hand writes under ``reports/drafts/<focus>/`` — never into a finished
report's folder; the report points ``$KAWASAKI_ECON_FIGURES`` / ``$KAWASAKI_ECON_TABLES``
at its own build folder.
"""

from __future__ import annotations

import io
import json
import os
import re
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
#: A clip-path id of matplotlib's SVG backend: a hash of the clip box's coordinates, whose
#: last float digits can differ between runs that draw the same pixels.
_CLIP_ID = re.compile(r"(?<=url\(#)p[0-9a-f]{10}(?=\))|(?<=<clipPath id=\")p[0-9a-f]{10}(?=\")")


def stable_clip_ids(svg: str) -> str:
    """Rename the clip-path ids of an SVG ``clip1``, ``clip2``, … in order of first use.

    matplotlib names a clip path by a hash of its box's coordinates as floats, which can
    differ in the last digit between runs that draw identical pixels; numbered in order of
    use, the same figure gives the same file.

    Parameters
    ----------
    svg : str
        The SVG text written by matplotlib.

    Returns
    -------
    str
        The same SVG with its clip-path ids renumbered.

    Examples
    --------
    >>> stable_clip_ids('<g clip-path="url(#p0123456789)"/><clipPath id="p0123456789">')
    '<g clip-path="url(#clip1)"/><clipPath id="clip1">'
    """
    names: dict[str, str] = {}
    return _CLIP_ID.sub(lambda m: names.setdefault(m.group(0), f"clip{len(names) + 1}"), svg)


def _draft_dir(env: str, kind: str, focus: str | None) -> Path:
    value = os.environ.get(env)
    path = Path(value) if value else reports_dir() / "drafts" / (focus or KAWASAKI) / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def output_dir(focus: str | None = None) -> Path:
    """Return the folder where notebooks save figures, creating it if needed.

    ``$KAWASAKI_ECON_FIGURES`` (:data:`FIGURES_ENV`) when set — a report run points it
    at its own build folder — otherwise ``reports/drafts/<focus>/figures``, so a
    notebook run by hand never writes into a finished report's folder.

    Parameters
    ----------
    focus : str, optional
        Five-digit area code of the municipality whose draft folder is meant; default
        14130 (川崎市). Ignored when the environment variable is set.

    Returns
    -------
    pathlib.Path
        The folder (it exists).

    Raises
    ------
    OSError
        If the folder cannot be created.

    See Also
    --------
    table_dir : The same for tables.
    save : Saves a bare file name under this folder.

    Examples
    --------
    >>> import os
    >>> from unittest import mock
    >>> from kawasaki_econ import figures
    >>> from kawasaki_econ.paths import reports_dir
    >>> with mock.patch.dict(os.environ):
    ...     _ = os.environ.pop(figures.FIGURES_ENV, None)
    ...     figures.output_dir("14130").relative_to(reports_dir()).as_posix()
    'drafts/14130/figures'
    """
    return _draft_dir(FIGURES_ENV, "figures", focus)


def table_dir(focus: str | None = None) -> Path:
    """Return the folder where notebooks save tables, creating it if needed.

    ``$KAWASAKI_ECON_TABLES`` (:data:`TABLES_ENV`) when set, otherwise
    ``reports/drafts/<focus>/tables`` (the rule of :func:`output_dir`).

    Parameters
    ----------
    focus : str, optional
        Five-digit area code of the municipality whose draft folder is meant; default
        14130 (川崎市). Ignored when the environment variable is set.

    Returns
    -------
    pathlib.Path
        The folder (it exists).

    Raises
    ------
    OSError
        If the folder cannot be created.

    Examples
    --------
    >>> import os
    >>> import tempfile
    >>> from pathlib import Path
    >>> from unittest import mock
    >>> from kawasaki_econ import figures
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with mock.patch.dict(os.environ, {figures.TABLES_ENV: tmp}):
    ...         figures.table_dir("14130") == Path(tmp)
    True
    """
    return _draft_dir(TABLES_ENV, "tables", focus)


class SavedFigure(list):
    """The paths written by :func:`save`: a list [png, svg] that displays the PNG.

    In Jupyter it displays the saved PNG file, so a cell ending in
    ``figures.save(...)`` shows the figure without drawing it a second time.

    Parameters
    ----------
    iterable : iterable of pathlib.Path, default ()
        The paths: the PNG first, then the SVG.

    See Also
    --------
    save : Writes the files and returns this list.

    Examples
    --------
    >>> from pathlib import Path
    >>> from kawasaki_econ import figures
    >>> saved = figures.SavedFigure([Path("chart.png"), Path("chart.svg")])
    >>> [path.suffix for path in saved]
    ['.png', '.svg']
    """

    def _repr_png_(self) -> bytes:
        return Path(self[0]).read_bytes()


def save(fig: Figure, path_stem: str | os.PathLike, *, dpi: int = DPI) -> SavedFigure:
    """Write a figure as PNG and SVG, deterministically, with a JSON caption.

    Writes ``<path_stem>.png``, ``<path_stem>.svg`` and a small ``<path_stem>.json``
    (title, notes, source line). No timestamp or software metadata, a fixed SVG hash salt
    and clip-path ids numbered in order of use (:func:`stable_clip_ids`), so the same
    figure gives byte-identical files.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a footer (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`,
        as every chart of this package returns).
    path_stem : str or os.PathLike
        The files' path without extension (a ``.png`` / ``.svg`` suffix is dropped); a
        bare name (no folder) is saved under :func:`output_dir`. Missing folders are
        created.
    dpi : int, default 150
        Resolution of the PNG, in dots per inch.

    Returns
    -------
    SavedFigure
        The paths [png, svg] (a list that displays the PNG in Jupyter).

    Raises
    ------
    TypeError
        If ``fig`` has no footer (a plain matplotlib Figure).
    OSError
        If a file cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> fig = figures.census_totals(kawasaki_econ.load("census"), "14130")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = figures.save(fig, Path(tmp) / "01_census_totals")
    ...     print([path.name for path in paths])
    ...     print((Path(tmp) / "01_census_totals.json").read_text(encoding="utf-8"))
    ['01_census_totals.png', '01_census_totals.svg']
    {
     "name": "01_census_totals",
     "title": "川崎市の事業所数・従業者数（経済センサス）",
     ...
    }
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
        text = io.StringIO()
        fig.savefig(text, format="svg", metadata=SVG_METADATA)
    svg.write_text(stable_clip_ids(text.getvalue()), encoding="utf-8")
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
    """Write a table as JSON records (UTF-8, deterministic) for the report to reuse.

    The report reuses such tables (e.g. the claims audit) instead of recomputing them.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; dates are written in ISO format, missing values as ``null``.
    path_stem : str or os.PathLike
        The file's path without the ``.json`` extension; a bare name (no folder) is
        saved under :func:`table_dir`. Missing folders are created.

    Returns
    -------
    pathlib.Path
        The file written, ``<path_stem>.json``.

    Raises
    ------
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import json
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> haneda = figures.haneda_international(kawasaki_econ.load("airport"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = figures.save_table(haneda[["basis", "year", "value"]], Path(tmp) / "haneda")
    ...     records = json.loads(path.read_text(encoding="utf-8"))
    >>> path.name
    'haneda.json'
    >>> records[0]
    {'basis': 'calendar_year', 'year': 2014, 'value': 10000000.0}
    """
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
