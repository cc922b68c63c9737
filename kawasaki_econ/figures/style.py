"""Figure style: the bundled Japanese font, labels in Japanese or English, the source
line (出典), footnotes and deterministic saving.

Nothing here changes matplotlib's global state at import time. The Japanese font
(IPAexGothic, shipped by matplotlib-fontja) is located through the package's file without
importing ``matplotlib_fontja`` (whose import calls ``japanize()`` and rewrites the global
``font.family``); it is registered with the font manager once, on first use. Every
figure is a :class:`KawasakiFigure`, which applies :data:`RC` through
``matplotlib.rc_context`` while it is built and drawn, so tick labels created lazily at
draw time get the Japanese font as well.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ..analysis.areas import KAWASAKI
from ..paths import reports_dir

FONT_NAME = "IPAexGothic"
FONT_FILE = "ipaexg.ttf"
#: Environment variable naming the directory where notebooks save figures.
FIGURES_ENV = "KAWASAKI_ECON_FIGURES"
SVG_HASHSALT = "kawasaki_econ"
DPI = 150
LANGS = ("ja", "en")

#: matplotlib settings applied (via rc_context) while a figure is built, drawn or saved.
RC: dict[str, object] = {
    "font.family": [FONT_NAME],
    "font.size": 9.0,
    "axes.titlesize": 10.5,
    "axes.titleweight": "normal",
    "axes.labelsize": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.fontsize": 8.0,
    "legend.frameon": False,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "axes.unicode_minus": True,
    "axes.formatter.use_locale": False,
}

#: Colours: the focus city / main series, comparison series, reference, status marks.
FOCUS = "#d1495b"
OTHER = "#8fa9c4"
REFERENCE = "#6c6c6c"
PALETTE = ("#00798c", "#d1495b", "#edae49", "#66a182", "#2e4057", "#8d96a3", "#9b5de5",
           "#f15bb5")
PLAN = "#2e4057"
SHADE = "#f3e3c3"


# --------------------------------------------------------------------------- fonts


def font_path() -> Path:
    """Path of IPAexGothic inside the installed matplotlib-fontja (not imported)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib-fontja is not installed: it provides the Japanese font")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: Japanese font file missing from matplotlib-fontja")
    return path


@functools.cache
def ensure_font() -> Path:
    """Register the bundled Japanese font with matplotlib's font manager (once)."""
    path = font_path()
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    if path.resolve() not in known:
        font_manager.fontManager.addfont(str(path))
    return path


def font_properties(**kwargs) -> font_manager.FontProperties:
    """FontProperties pointing at the bundled Japanese font file."""
    return font_manager.FontProperties(fname=str(ensure_font()), **kwargs)


@contextlib.contextmanager
def rc() -> Iterator[None]:
    """Temporarily apply :data:`RC` (the global rcParams are restored on exit)."""
    ensure_font()
    with mpl.rc_context(RC):
        yield


class KawasakiFigure(Figure):
    """A Figure that draws under :func:`rc` (Japanese font, fixed SVG hash salt).

    It displays itself in Jupyter (``_repr_png_``) without pyplot or ``%matplotlib``.
    """

    def draw(self, renderer):  # noqa: D401 - matplotlib API
        with rc():
            return super().draw(renderer)

    def _repr_png_(self) -> bytes:
        import io

        buffer = io.BytesIO()
        with rc():
            self.savefig(buffer, format="png", dpi=100, metadata=PNG_METADATA)
        return buffer.getvalue()


def new_figure(figsize: tuple[float, float] = (8.0, 5.0), nrows: int = 1, ncols: int = 1,
               **subplot_kw):
    """A :class:`KawasakiFigure` (constrained layout) and its axes; call inside :func:`rc`."""
    ensure_font()
    fig = KawasakiFigure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **subplot_kw)
    return fig, axes


def finish(fig: Figure) -> Figure:
    """Pin the Japanese font on every axis' tick labels (also those created later), then
    lay the figure out once and freeze the layout (:func:`freeze_layout`)."""
    for ax in fig.axes:
        ax.tick_params(axis="both", which="both", labelfontfamily=FONT_NAME)
    return freeze_layout(fig)


def freeze_layout(fig: Figure) -> Figure:
    """Run the constrained layout once and switch the layout engine off.

    Constrained layout starts from the figure's current state, so drawing the same
    figure twice (e.g. PNG then SVG, or after a notebook displayed it) can move the axes
    by a few ulps — enough to change the SVG's hashed clip-path ids. Laying out once,
    right after the figure is built, makes every later save byte-identical. Call
    :func:`relayout` after adding artists that need space.
    """
    dpi = fig.dpi
    try:
        # lay out at the PNG resolution: hinted text is relatively wider at higher dpi
        fig.set_dpi(DPI)
        with rc():
            fig.draw_without_rendering()
    finally:
        fig.set_dpi(dpi)
    fig.set_layout_engine("none")
    return fig


def relayout(fig: Figure) -> Figure:
    """Re-run the constrained layout (e.g. after adding a footnote) and freeze it again."""
    fig.set_layout_engine("constrained")
    _render_footer(fig)
    return freeze_layout(fig)


# --------------------------------------------------------------------------- labels


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def tr(ja: str, en: str, lang: str) -> str:
    """``ja`` or ``en`` according to ``lang``."""
    return ja if check_lang(lang) == "ja" else en


def has_japanese(text: str) -> bool:
    """True if ``text`` holds kana, kanji or full-width forms."""
    return any(
        "\u3000" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"
        for ch in text
    )


def fmt_int(value: float) -> str:
    return f"{value:,.0f}"


def thousands(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


# --------------------------------------------------------------------------- footer

#: Display names of the publishers, by the first folder of the raw path.
PUBLISHERS: dict[str, tuple[str, str]] = {
    "ssdse": ("独立行政法人統計センター「教育用標準データセット SSDSE」（総務省・経済産業省 経済センサス等）",
              "NSTAC, SSDSE (Economic Census, MIC/METI)"),
    "kankocho": ("観光庁「宿泊旅行統計調査」", "Japan Tourism Agency, Overnight Travel Statistics"),
    "jreast": ("JR東日本「各駅の乗車人員」", "JR East, station boardings"),
    "moj": ("出入国在留管理庁「出入国管理統計」（e-Stat）",
            "Immigration Services Agency, immigration statistics (e-Stat)"),
    "transcribed": ("公表資料からの転記", "figures transcribed from publications"),
    "plan": ("川崎市経済労働局「かわさき産業振興プラン第2期実行プログラム」",
             "Kawasaki City, Industrial Promotion Plan, 2nd implementation programme"),
    "kpi": ("分析者が入力した指標実績（Excel テンプレート）", "analyst-supplied indicator workbook"),
}

_RAW_PATH = re.compile(r"[A-Za-z0-9_\-]+/[A-Za-z0-9_\-.]+?\.(?:csv|json|xlsx|txt|toml)")


@functools.cache
def _catalog() -> dict[str, dict[str, str]]:
    try:
        from ..catalog import read_catalog

        return {path: dict(entry.meta) for path, entry in read_catalog().items()}
    except Exception:  # a missing catalogue must not stop a chart from drawing
        return {}


def raw_paths(sources: Iterable[str]) -> list[str]:
    """The raw files (paths relative to data/raw) named in ``source`` strings, sorted."""
    found: set[str] = set()
    for text in sources:
        if text is None or (isinstance(text, float) and text != text):
            continue
        found.update(_RAW_PATH.findall(str(text)))
    return sorted(found)


def _compress(stems: list[str]) -> str:
    """'SSDSE-A-2021', 'SSDSE-A-2022' -> 'SSDSE-A-2021–2022'."""
    groups: dict[str, list[int]] = {}
    singles: list[str] = []
    for stem in stems:
        match = re.fullmatch(r"(.*?)(\d{4})", stem)
        if match:
            groups.setdefault(match.group(1), []).append(int(match.group(2)))
        else:
            singles.append(stem)
    parts = []
    for prefix, years in groups.items():
        years = sorted(set(years))
        parts.append(f"{prefix}{years[0]}" if len(years) == 1 else
                     f"{prefix}{years[0]}–{years[-1]}")
    return ", ".join(parts + singles)


def _domains(urls: Iterable[str]) -> list[str]:
    out: list[str] = []
    for url in urls:
        if not isinstance(url, str):
            continue
        match = re.match(r"https?://(?:www\.)?([^/]+)", url)
        if match and match.group(1) not in out:
            out.append(match.group(1))
    return out


def describe_sources(sources, lang: str = "ja", urls: Iterable[str] = ()) -> str:
    """One line naming the publishers and releases behind ``sources``.

    ``sources`` is an iterable of ``source`` strings (or a DataFrame with a ``source``
    column, and optionally ``source_url``). Publishers come from the raw-file catalogue
    (``data/raw/catalog.toml``) through :data:`PUBLISHERS`' display names.
    """
    check_lang(lang)
    if hasattr(sources, "columns"):
        frame = sources
        urls = list(frame["source_url"].dropna()) if "source_url" in frame.columns else []
        sources = frame["source"].dropna().astype(str).unique().tolist()
    paths = raw_paths(sources)
    catalog = _catalog()
    by_group: dict[str, list[str]] = {}
    for path in paths:
        by_group.setdefault(path.split("/")[0], []).append(path)
    parts = []
    for group, files in by_group.items():
        if group in PUBLISHERS:
            name = PUBLISHERS[group][0 if lang == "ja" else 1]
        else:
            name = catalog.get(files[0], {}).get("publisher", group)
        stems = [Path(f).name.rsplit(".", 1)[0] for f in files]
        detail = _compress(stems)
        if group == "transcribed":
            domains = _domains(urls)
            if domains:
                more = len(domains) - 4
                shown = ", ".join(domains[:4])
                if more > 0:
                    shown += tr(f" ほか{more}件", f" and {more} more", lang)
                detail = f"{detail}: {shown}"
        parts.append(f"{name} ({detail})")
    head = tr("出典: ", "Source: ", lang)
    return head + ("; ".join(parts) if parts else tr("不明", "unknown", lang))


@functools.cache
def _em_widths() -> dict[str, float]:
    return {}


def _text_width_em(text: str) -> float:
    """Width of ``text`` in em of the bundled font (measured, unhinted; cached per
    character)."""
    cache = _em_widths()
    missing = [ch for ch in set(text) if ch not in cache]
    if missing:
        from matplotlib.textpath import TextToPath

        prop = font_properties(size=100)
        measure = TextToPath()
        for ch in missing:
            if ch.isspace():
                width = measure.get_text_width_height_descent("a a", prop, ismath=False)[0] - \
                    measure.get_text_width_height_descent("aa", prop, ismath=False)[0]
            else:
                width = measure.get_text_width_height_descent(ch, prop, ismath=False)[0]
            cache[ch] = max(width, 0.0) / 100.0 if width else (
                1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.6)
    return sum(cache[ch] for ch in text)


_NO_LINE_START = set("。、，．）」』】〉》！？・ー")


def wrap(text: str, max_em: float) -> list[str]:
    """Greedy line wrapping at spaces or between CJK characters, measuring the text with
    the bundled font."""
    tokens = re.findall(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+",
                        text)
    lines, current = [], ""
    for token in tokens:
        candidate = current + token
        if token in _NO_LINE_START:  # kinsoku: never start a line with closing punctuation
            current = candidate
        elif _text_width_em(candidate) > max_em and current.strip():
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


FOOTER_SIZE = 7.0


def _render_footer(fig: Figure) -> None:
    notes: list[str] = getattr(fig, "_kx_notes", [])
    source: str | None = getattr(fig, "_kx_source", None)
    old = getattr(fig, "_kx_footer_artist", None)
    if old is not None:
        old.remove()
    width_em = fig.get_figwidth() * 72 / FOOTER_SIZE * 0.95
    lines: list[str] = []
    for note in notes + ([source] if source else []):
        lines += wrap(note, width_em)
    if not lines:
        return
    text = fig.text(0.01, 0.008, "\n".join(lines), ha="left", va="bottom",
                    fontsize=FOOTER_SIZE, color="#444444", fontfamily=FONT_NAME,
                    linespacing=1.3)
    fig._kx_footer_artist = text
    height = (len(lines) * FOOTER_SIZE * 1.3 + 8) / 72 / fig.get_figheight()
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, height, 1, 1 - height))


def source_line(fig: Figure, sources, lang: str = "ja", urls: Iterable[str] = ()) -> str:
    """Write (or replace) the figure's 出典 / Source line; returns its text.

    ``sources``: the rows' ``source`` strings or a DataFrame with ``source`` (and
    optionally ``source_url``) — see :func:`describe_sources`. A plain string that does
    not name a raw file is used as is.
    """
    if isinstance(sources, str) and not raw_paths([sources]):
        text = sources
    else:
        text = describe_sources([sources] if isinstance(sources, str) else sources, lang,
                                urls)
    fig._kx_source = text
    _render_footer(fig)
    return text


def footnote(fig: Figure, *notes: str) -> None:
    """Add note lines (caveats, definitions) above the source line."""
    fig._kx_notes = list(getattr(fig, "_kx_notes", [])) + [n for n in notes if n]
    _render_footer(fig)


def title(fig: Figure, text: str) -> None:
    fig.suptitle(text, fontsize=11.5, fontfamily=FONT_NAME)
    fig._kx_title = text


# --------------------------------------------------------------------------- saving


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


PNG_METADATA = {"Software": None}
SVG_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


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
        "title": getattr(fig, "_kx_title", None) or fig.get_suptitle()
        or next((ax.get_title() for ax in fig.axes if ax.get_title()), ""),
        "notes": list(getattr(fig, "_kx_notes", [])),
        "source": getattr(fig, "_kx_source", None),
    }
    meta.write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return SavedFigure([png, svg])


#: Environment variable naming the directory where notebooks save tables.
TABLES_ENV = "KAWASAKI_ECON_TABLES"


def table_dir(focus: str | None = None) -> Path:
    """Where notebooks save tables: ``$KAWASAKI_ECON_TABLES`` when set, otherwise
    ``reports/drafts/<focus>/tables`` (same rule as :func:`output_dir`)."""
    return _draft_dir(TABLES_ENV, "tables", focus)


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


__all__ = [
    "FIGURES_ENV", "FOCUS", "FONT_NAME", "OTHER", "PALETTE", "RC", "KawasakiFigure",
    "describe_sources", "ensure_font", "font_path", "font_properties", "footnote",
    "freeze_layout", "has_japanese", "new_figure", "relayout", "output_dir", "raw_paths", "rc", "save", "save_table",
    "SavedFigure", "source_line", "table_dir", "TABLES_ENV", "title", "tr",
]  # fmt: skip
