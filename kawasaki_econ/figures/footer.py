"""The footer of a figure: note lines (caveats, definitions) and the source line (出典)
built from the rows' ``source`` strings and the raw-file catalogue, wrapped to the figure
width with the bundled font (CJK text breaks between characters, never before closing
punctuation).

The footer's state is a :class:`Footer` held by the figure (``KawasakiFigure.footer``);
:func:`source_line` and :func:`footnote` refuse a figure without one.
"""

from __future__ import annotations

import fnmatch
import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

from ..lang import check_lang, has_japanese, tr
from ..paths import PACKAGE_DIR
from .fonts import FONT_NAME, font_properties

FOOTER_SIZE = 7.0


@dataclass
class Footer:
    """What a figure shows under its axes, and the title it was given (for captions)."""

    notes: list[str] = field(default_factory=list)
    source: str | None = None
    title: str | None = None
    artist: Text | None = None


def footer_of(fig: Figure) -> Footer:
    """The figure's :class:`Footer`; TypeError for a figure that has none."""
    state = getattr(fig, "footer", None)
    if not isinstance(state, Footer):
        raise TypeError(f"{type(fig).__name__} has no footer: build the figure with "
                        "kawasaki_econ.figures.new_figure() (a KawasakiFigure)")
    return state


# --------------------------------------------------------------------------- publishers

#: The 出典 metadata of the raw files (package data; see its header): one entry per
#: group of catalogue paths, matched by glob. The publisher's name comes from the catalogue.
STATISTICS_FILE = PACKAGE_DIR / "sources" / "statistics.toml"


@dataclass(frozen=True)
class Statistic:
    """What a figure's source line says about the raw files matching ``files``."""

    files: str  # glob over catalogue paths, e.g. 'ssdse/*'
    title_ja: str
    title_en: str
    publisher_en: str | None = None  # where the catalogue gives no English name
    compilation: bool = False  # not one publisher's: the titles are shown as they are


@functools.cache
def statistics() -> tuple[Statistic, ...]:
    """The entries of :data:`STATISTICS_FILE`, in file order."""
    data = tomllib.loads(STATISTICS_FILE.read_text(encoding="utf-8"))
    return tuple(Statistic(**entry) for entry in data.get("statistic", []))


def statistic_of(path: str) -> Statistic | None:
    """The entry whose glob matches ``path`` (a catalogue path, or ``'folder/'`` for a
    folder), or None."""
    return next((s for s in statistics() if fnmatch.fnmatchcase(path, s.files)), None)


_RAW_PATH = re.compile(r"[A-Za-z0-9_\-]+/[A-Za-z0-9_\-.]+?\.(?:csv|json|xlsx|txt|toml)")


@functools.cache
def _catalog() -> dict[str, dict[str, str]]:
    try:
        from ..catalog import read_catalog

        return {path: dict(entry.meta) for path, entry in read_catalog().items()}
    except Exception:  # a missing catalogue must not stop a chart from drawing
        return {}


def publisher(folder: str, lang: str = "ja") -> str | None:
    """The publisher of the raw files in ``folder``, from the catalogue's ``publisher``
    field ('JR東日本 East Japan Railway Company' → 'JR東日本' / 'East Japan Railway
    Company'; bracketed remarks and Japanese parts dropped from the English name)."""
    check_lang(lang)
    text = next((meta.get("publisher", "") for path, meta in sorted(_catalog().items())
                 if path.startswith(folder + "/")), "")
    if not text or text.startswith("various"):
        return None
    head, _, rest = text.partition(" ")
    if lang == "ja":
        return head if has_japanese(head) else text
    rest = rest if has_japanese(head) else text
    bracketed = re.findall(r"\(([^)]*)\)", rest)
    rest = re.sub(r"\s*\([^)]*\)", "", rest)
    parts = [p.strip() for p in rest.split(",") if p.strip() and not has_japanese(p)]
    if not parts:  # '独立行政法人統計センター (NSTAC)': the bracket holds the English name
        parts = [b.strip() for b in bracketed[:1] if not has_japanese(b)]
    stat = statistic_of(folder + "/")
    return ", ".join(parts) or (stat.publisher_en if stat else None)


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


def _shown_domains(urls: Iterable[str], lang: str) -> str:
    domains = _domains(urls)
    more = len(domains) - 4
    shown = ", ".join(domains[:4])
    if more > 0:
        shown += tr(f" ほか{more}件", f" and {more} more", lang)
    return shown


def _name(folder: str, files: list[str], lang: str) -> str:
    stat = statistic_of(files[0] if files else folder + "/")
    if stat is not None and stat.compilation:
        return stat.title_ja if lang == "ja" else stat.title_en
    title_ja, title_en = (stat.title_ja, stat.title_en) if stat else ("", "")
    who = publisher(folder, lang)
    if who is None:
        return _catalog().get(files[0], {}).get("publisher", folder) if files else folder
    return f"{who}{title_ja}" if lang == "ja" else f"{who}, {title_en}" if title_en else who


def describe_sources(sources, lang: str = "ja", urls: Iterable[str] = (),
                     transcribed_from: str | None = None) -> str:
    """Return one line naming the publishers and releases behind ``sources``.

    Publisher first, then the statistic's title (``sources/statistics.toml``) and the
    raw files' releases, compressed (``SSDSE-A-2021–2026``). Publishers come from the
    raw-file catalogue (``data/raw/catalog.toml``); transcribed figures name the web
    pages they were copied from (their ``source_url`` domains).

    Parameters
    ----------
    sources : iterable of str or pandas.DataFrame
        The rows' ``source`` strings (raw file relative to ``data/raw`` and cell or row,
        e.g. ``'ssdse/SSDSE-A-2023.csv:C2208'``), or a frame with a ``source`` column
        and optionally ``source_url`` (which then replaces ``urls``).
    lang : {'ja', 'en'}, default 'ja'
        Language of the line ('出典: …' or 'Source: …').
    urls : iterable of str, default ()
        Web pages the transcribed figures were copied from.
    transcribed_from : str, optional
        The raw-file folder whose publisher published the transcribed figures (e.g.
        ``'jreast'``): they are then credited to that publisher, with the pages they
        were copied from —
        ``JR東日本「各駅の乗車人員」 (passenger_top100_FY1999–2012)（転記: …）``.

    Returns
    -------
    str
        The line, '出典: 不明' / 'Source: unknown' when no raw file is named.

    Raises
    ------
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    See Also
    --------
    source_line : Write the line into a figure's footer.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> figures.describe_sources(["ssdse/SSDSE-A-2023.csv:C2208",
    ...                           "ssdse/SSDSE-A-2024.csv:C2208"])
    '出典: 独立行政法人統計センター「教育用標準データセット SSDSE」（総務省・経済産業省 経済センサス等） (SSDSE-A-2023–2024)'
    >>> figures.describe_sources(["ssdse/SSDSE-A-2023.csv:C2208"], lang="en")
    'Source: NSTAC, SSDSE (Economic Census, MIC/METI) (SSDSE-A-2023)'
    """
    check_lang(lang)
    if hasattr(sources, "columns"):
        frame = sources
        urls = list(frame["source_url"].dropna()) if "source_url" in frame.columns else []
        sources = frame["source"].dropna().astype(str).unique().tolist()
    urls = list(urls)
    by_group: dict[str, list[str]] = {}
    for path in raw_paths(sources):
        by_group.setdefault(path.split("/")[0], []).append(path)
    credited = transcribed_from is not None and "transcribed" in by_group
    if credited:
        by_group.setdefault(transcribed_from, [])
    parts = []
    for group, files in by_group.items():
        if credited and group == "transcribed":
            continue
        name = _name(group, files, lang)
        detail = _compress([f.rsplit("/", 1)[-1].rsplit(".", 1)[0] for f in files])
        if group == "transcribed" and _domains(urls):
            detail = f"{detail}: {_shown_domains(urls, lang)}"
        text = f"{name} ({detail})" if detail else name
        if credited and group == transcribed_from:
            pages = _shown_domains(urls, lang) or _compress(
                [f.rsplit("/", 1)[-1].rsplit(".", 1)[0] for f in by_group["transcribed"]])
            text += tr(f"（転記: {pages}）", f" (transcribed from: {pages})", lang)
        parts.append(text)
    head = tr("出典: ", "Source: ", lang)
    return head + ("; ".join(parts) if parts else tr("不明", "unknown", lang))


# --------------------------------------------------------------------------- wrapping


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


# --------------------------------------------------------------------------- footer


def render_footer(fig: Figure) -> None:
    """(Re)draw the footer text and reserve its height in the constrained layout."""
    state = footer_of(fig)
    if state.artist is not None:
        state.artist.remove()
        state.artist = None
    width_em = fig.get_figwidth() * 72 / FOOTER_SIZE * 0.95
    lines: list[str] = []
    for note in state.notes + ([state.source] if state.source else []):
        lines += wrap(note, width_em)
    if not lines:
        return
    # 0.008 of the height, but never more than the 8 pt reserved below the text
    bottom = min(0.008, 8 / 72 / fig.get_figheight())
    state.artist = fig.text(0.01, bottom, "\n".join(lines), ha="left", va="bottom",
                            fontsize=FOOTER_SIZE, color="#444444", fontfamily=FONT_NAME,
                            linespacing=1.3)
    height = (len(lines) * FOOTER_SIZE * 1.3 + 8) / 72 / fig.get_figheight()
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, height, 1, 1 - height))


def source_line(fig: Figure, sources, lang: str = "ja", urls: Iterable[str] = (), *,
                transcribed_from: str | None = None) -> str:
    """Write (or replace) the figure's 出典 / Source line under its notes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a footer (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`,
        as every chart of this package returns).
    sources : str, iterable of str or pandas.DataFrame
        The rows' ``source`` strings or a frame with ``source`` (and optionally
        ``source_url``), see :func:`describe_sources`. A plain string that names no raw
        file is used as the line as it is.
    lang : {'ja', 'en'}, default 'ja'
        Language of the line.
    urls : iterable of str, default ()
        Web pages the transcribed figures were copied from.
    transcribed_from : str, optional
        The raw-file folder credited with the transcribed figures (e.g. ``'jreast'``).

    Returns
    -------
    str
        The line written.

    Raises
    ------
    TypeError
        If ``fig`` has no footer (a plain matplotlib Figure).
    ValueError
        If ``lang`` is neither 'ja' nor 'en'.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> from kawasaki_econ.figures.style import new_figure
    >>> with figures.rc():
    ...     fig, ax = new_figure()
    >>> figures.source_line(fig, ["ssdse/SSDSE-A-2023.csv:C2208"], lang="en")
    'Source: NSTAC, SSDSE (Economic Census, MIC/METI) (SSDSE-A-2023)'
    """
    state = footer_of(fig)
    if isinstance(sources, str) and not raw_paths([sources]):
        text = sources
    else:
        text = describe_sources([sources] if isinstance(sources, str) else sources, lang,
                                urls, transcribed_from)
    state.source = text
    render_footer(fig)
    return text


def footnote(fig: Figure, *notes: str) -> None:
    """Add note lines (caveats, definitions) above the figure's source line.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a footer (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`).
    *notes : str
        The notes, one line each (wrapped to the figure's width); empty ones are
        skipped.

    Raises
    ------
    TypeError
        If ``fig`` has no footer (a plain matplotlib Figure).

    See Also
    --------
    footer_text : The footer as drawn.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> from kawasaki_econ.figures.style import new_figure
    >>> with figures.rc():
    ...     fig, ax = new_figure()
    >>> figures.footnote(fig, "2014: all establishments; 2016: private only.")
    >>> figures.footer_text(fig)
    '2014: all establishments; 2016: private only.'
    """
    footer_of(fig).notes.extend(n for n in notes if n)
    render_footer(fig)


def footer_text(fig: Figure) -> str:
    """Return the figure's footer as drawn: its notes and source line, wrapped.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure with a footer (a :class:`~kawasaki_econ.figures.style.KawasakiFigure`).

    Returns
    -------
    str
        The footer's lines joined by newlines; '' if it has none.

    Raises
    ------
    TypeError
        If ``fig`` has no footer (a plain matplotlib Figure).

    Examples
    --------
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures
    >>> fig = figures.census_totals(kawasaki_econ.load("census"), "14130", lang="en")
    >>> print(figures.footer_text(fig))
    2014: all establishments incl. public (Economic Census basic survey); 2016 and 2021: ...
    Source: NSTAC, SSDSE (Economic Census, MIC/METI) (SSDSE-A-...)
    """
    state = footer_of(fig)
    return state.artist.get_text() if state.artist is not None else ""


__all__ = ["STATISTICS_FILE", "Footer", "Statistic", "describe_sources", "footer_of",
           "footer_text", "footnote", "publisher", "raw_paths", "render_footer",
           "source_line", "statistic_of", "statistics", "wrap"]
