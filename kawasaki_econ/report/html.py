"""The report page: one self-contained HTML file (figures embedded as base64 PNG) in the
report's language.

Each figure appears once with its caption inside the image (title, notes and 出典 are
drawn by the figure library), so the page adds no second caption — only the file names.
Tables show numbers with thousands separators, a missing value as "—", never ``None``
or JSON. The claims audit shows four columns — item, plan value, data value, status —
and under each row a ``<details>`` element holding the tolerance, its reasoning, the
explanation, the plan's text and the sources; long text wraps, so nothing is clipped
at 1,366 px. The page is written with :func:`kawasaki_econ.atomic.write_text_atomic`.
"""

from __future__ import annotations

import base64
import html
import json
import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..atomic import write_text_atomic
from ..version import __version__
from .execute import NotebookRun
from .key_tables import english_area_names
from .wording import catalog_term, t

MISSING = "—"

CSS = """
body{font-family:"IPAexGothic","Hiragino Sans","Yu Gothic","Noto Sans CJK JP",sans-serif;
 max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.6em;border-bottom:3px solid #00798c;padding-bottom:.3em}
h2{font-size:1.3em;border-left:6px solid #00798c;padding-left:.5em;margin-top:2.2em}
figure{margin:1.5em 0;border:1px solid #ddd;padding:.6em;background:#fff}
figure img{max-width:100%;height:auto}
figcaption{font-size:.75em;color:#666}
table{border-collapse:collapse;font-size:.8em;width:100%}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left;
 overflow-wrap:anywhere}
td.num{text-align:right;white-space:nowrap}
.scroll{overflow-x:auto;max-width:100%}
table.audit{table-layout:fixed}
table.audit col.item{width:28%}table.audit col.value{width:25%}
table.audit col.status{width:22%}
table.audit tr.more td{background:#fafafa;border-top:none;padding:.1em .8em .4em}
table.audit dl{margin:.3em 0}table.audit dt{font-weight:bold;margin-top:.4em}
table.audit dd{margin:0 0 0 1em}
details summary{cursor:pointer;color:#00798c}
th{background:#ddebf7}
.intro{background:#f6f8fa;padding:.6em 1em;border-radius:4px}
.note{color:#555;font-style:italic}
nav ul{columns:2}
code{background:#f0f0f0;padding:0 .2em}
small{color:#666}
"""


@dataclass(frozen=True)
class Figure:
    """A saved figure: ``name`` (file stem), ``png`` path and its title (alt text)."""

    name: str
    png: Path
    title: str


@dataclass(frozen=True)
class PageSection:
    """One section of the page: ``anchor``, ``heading``, ``text`` (intro paragraph),
    ``note`` (one sentence: data the focus lacks or the level shown), the notebook run
    (None when the section was left out) and its figures."""

    anchor: str
    heading: str
    text: str
    note: str = ""
    run: NotebookRun | None = None
    figures: tuple[Figure, ...] = ()


def figure_records(figures_dir: Path) -> list[Figure]:
    """Return one record per figure saved in a folder, by name.

    Parameters
    ----------
    figures_dir : pathlib.Path
        A folder of figures written by :func:`kawasaki_econ.figures.save` (``.png``,
        ``.svg`` and a ``.json`` caption each).

    Returns
    -------
    list of kawasaki_econ.report.html.Figure
        One per PNG file, sorted by name: ``name`` (file stem), ``png`` (path) and
        ``title`` (from its JSON caption; the stem when there is none).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kawasaki_econ
    >>> from kawasaki_econ import figures, report
    >>> fig = figures.census_totals(kawasaki_econ.load("census"), "14130")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = figures.save(fig, Path(tmp) / "01_census_totals")
    ...     records = report.figure_records(Path(tmp))
    >>> [(record.name, record.title) for record in records]
    [('01_census_totals', '川崎市の事業所数・従業者数（経済センサス）')]
    """
    records = []
    for png in sorted(Path(figures_dir).glob("*.png")):
        title = png.stem
        meta = png.with_suffix(".json")
        if meta.exists():
            try:
                title = json.loads(meta.read_text(encoding="utf-8")).get("title") or title
            except json.JSONDecodeError:
                pass
        records.append(Figure(png.stem, png, str(title)))
    return records


def format_cell(value: object) -> str:
    """Display text of a table cell: thousands separators, "—" for missing."""
    if isinstance(value, (dict, list, tuple, set)):
        raise TypeError(f"structured value {value!r} in a report table")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() and abs(number) >= 1000 else f"{number:,.2f}"
    text = str(value)
    return text if text.strip() else MISSING


def table_html(df: pd.DataFrame, *, percent: tuple[str, ...] = ()) -> str:
    """An HTML table of ``df`` (escaped; ``percent`` columns hold fractions → "3.5 %")."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = []
    for record in df.itertuples(index=False):
        cells = []
        for col, value in zip(df.columns, record, strict=True):
            if col in percent and value is not None and not pd.isna(value):
                text, numeric = f"{float(value) * 100:,.1f} %", True
            else:
                text = format_cell(value)
                numeric = isinstance(value, numbers.Number) and not isinstance(value, bool)
            cls = ' class="num"' if numeric else ""
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table></div>")


#: Audit columns (keys of ``claims.display.COLUMNS``) shown in the table's four columns,
#: and those opened per row under <details>.
AUDIT_SHOWN = ("label", "claimed", "computed", "status")
AUDIT_DETAILS = ("tolerance", "justification", "detail", "comparison_set", "alternative",
                 "arithmetic", "statement", "page", "sources", "id")


def audit_html(results: list, lang: str) -> str:
    """The claims audit: four columns per claim, the rest under a <details> row."""
    from ..analysis.claims import audit_table
    from ..analysis.claims.display import COLUMNS

    table = audit_table(results, lang)
    if lang == "en":  # area names of the sentences in English; the plan's own text stays
        quoted = COLUMNS["statement"][lang]
        table = table.map(english_area_names).assign(**{quoted: table[quoted]})
    shown = [COLUMNS[k][lang] for k in AUDIT_SHOWN]
    details = [COLUMNS[k][lang] for k in AUDIT_DETAILS]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in shown)
    summary = html.escape(t("page", "details", lang))
    rows = []
    for record in table.to_dict("records"):
        cells = "".join(f"<td>{html.escape(str(record[c]))}</td>" for c in shown)
        items = "".join(f"<dt>{html.escape(c)}</dt><dd>{html.escape(str(record[c]))}</dd>"
                        for c in details if str(record[c]) != MISSING)
        rows.append(f"<tr>{cells}</tr>")
        rows.append(f'<tr class="more"><td colspan="{len(shown)}"><details>'
                    f"<summary>{summary}</summary><dl>{items}</dl></details></td></tr>")
    colgroup = ('<colgroup><col class="item"><col class="value"><col class="value">'
                '<col class="status"></colgroup>')
    return (f'<table class="audit">{colgroup}<thead><tr>{head}</tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table>")


def _figure_html(fig: Figure) -> str:
    data = base64.b64encode(fig.png.read_bytes()).decode("ascii")
    name = html.escape(fig.name)
    return (f'<figure id="fig-{name}"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(fig.title)}"><figcaption>figures/{name}.png / '
            f"figures/{name}.svg</figcaption></figure>")


def _section_html(section: PageSection, lang: str) -> str:
    parts = [f'<section id="{html.escape(section.anchor)}"><h2>{html.escape(section.heading)}</h2>']
    if section.text:
        parts.append(f'<p class="intro">{html.escape(section.text)}</p>')
    if section.note:
        parts.append(f'<p class="note">{html.escape(section.note)}</p>')
    if section.run is not None:
        nb = html.escape(section.run.executed.name)
        parts.append(f'<p><small>{t("page", "notebook", lang)}: <a href="notebooks/{nb}">'
                     f"notebooks/{nb}</a> "
                     f'({html.escape(t("page", "executed_in", lang, seconds=section.run.seconds))})'
                     "</small></p>")
    parts.extend(_figure_html(f) for f in section.figures)
    parts.append("</section>")
    return "\n".join(parts)


_URL = re.compile(r"https?://\S+")


def _origin(text: object) -> str:
    """The web address of a catalogue ``origin`` (its free text is in English)."""
    found = _URL.search(str(text))
    return found.group(0).rstrip(").,;") if found else MISSING


def _sources_html(sources: pd.DataFrame, lang: str) -> str:
    """Sources grouped by publisher: files, web address and licence of the first file,
    publisher and licence in the report's language."""
    cols = list(sources.columns)
    file_col, publisher_col, origin_col, license_col = cols[0], cols[1], cols[2], cols[7]
    grouped = sources.groupby(publisher_col, sort=False).agg(
        files=(file_col, ", ".join), origin=(origin_col, "first"),
        license=(license_col, "first")).reset_index()
    grouped.columns = [publisher_col, file_col, origin_col, license_col]
    grouped[publisher_col] = grouped[publisher_col].map(lambda v: catalog_term(v, lang))
    grouped[license_col] = grouped[license_col].map(lambda v: catalog_term(v, lang))
    grouped[origin_col] = grouped[origin_col].map(_origin)
    return table_html(grouped)


def write_html(
    path: Path,
    *,
    lang: str,
    title: str,
    peers_text: str,
    members: pd.DataFrame,
    sections: list[PageSection],
    audit: list | None,
    audit_summary: str,
    sources: pd.DataFrame,
    excel_name: str,
    findings: str = "",
) -> Path:
    """Write the report page: one self-contained HTML file in the report's language.

    Title, table of contents, the findings, the comparison group, one section per
    notebook with its figures embedded (base64 PNG), the claims audit (for a
    municipality with a plan) and the sources. Written under a temporary name, then
    renamed (:func:`kawasaki_econ.atomic.write_text_atomic`).

    Parameters
    ----------
    path : pathlib.Path
        The page to write (its folder is created if missing).
    lang : {'ja', 'en'}
        Language of the page's fixed wording.
    title : str
        The page title.
    peers_text : str
        The sentence describing the comparison group.
    members : pandas.DataFrame
        The comparison group's members, one row per area (shown as a table under
        ``<details>``), e.g. :func:`kawasaki_econ.report.key_tables.peer_members`.
    sections : list of kawasaki_econ.report.html.PageSection
        One per notebook: anchor, heading, intro text, note, the run and its figures.
    audit : list, optional
        The claims audit's results (:func:`kawasaki_econ.analysis.claims.audit`);
        None: no audit section.
    audit_summary : str
        The audit's summary line (ignored without ``audit``).
    sources : pandas.DataFrame
        The sources sheet's frame (:func:`kawasaki_econ.report.key_tables.sources_sheet`):
        file, publisher and origin in the first three columns, licence in the eighth.
    excel_name : str
        File name of the workbook the page links to.
    findings : str, default ''
        The findings section, as HTML.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OSError
        If the page cannot be written.
    TypeError
        If a table cell holds a structured value (dict, list …).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import kawasaki_econ
    >>> from kawasaki_econ import analysis, report
    >>> from kawasaki_econ.report import key_tables
    >>> census = kawasaki_econ.load("census")
    >>> population = kawasaki_econ.load("population")
    >>> group = analysis.peer_group(analysis.resolve_focus(census, "14130"), census, population)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = report.write_html(
    ...         Path(tmp) / report.HTML_NAME, lang="ja", title="川崎市",
    ...         peers_text=key_tables.group_text(group, "ja"),
    ...         members=key_tables.peer_members(group, population, "ja"), sections=[],
    ...         audit=None, audit_summary="", sources=key_tables.sources_sheet("ja").frame,
    ...         excel_name=report.EXCEL_NAME)
    ...     text = page.read_text(encoding="utf-8")
    >>> page.name, "<title>川崎市</title>" in text
    ('index.html', True)
    """
    toc = [f'<li><a href="#peers">{html.escape(t("page", "peers", lang))}</a></li>']
    toc += [f'<li><a href="#{html.escape(s.anchor)}">{html.escape(s.heading)}</a></li>'
            for s in sections]
    body = [_section_html(s, lang) for s in sections]
    if audit is not None:
        toc.append(f'<li><a href="#claims">{html.escape(t("page", "claims", lang))}</a></li>')
        body.append(f'<section id="claims"><h2>{html.escape(t("page", "claims", lang))}</h2>'
                    f"<p>{html.escape(audit_summary)}</p>{audit_html(audit, lang)}</section>")
    toc.append(f'<li><a href="#sources">{html.escape(t("page", "sources", lang))}</a></li>')
    body.append(f'<section id="sources"><h2>{html.escape(t("page", "sources", lang))}</h2>'
                f"{_sources_html(sources, lang)}</section>")
    built = html.escape(t("page", "built", lang, excel="\0")).replace(
        "\0", f'<a href="{html.escape(excel_name)}">{html.escape(excel_name)}</a>')
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{CSS}</style></head><body>
<h1>{html.escape(title)}<br><small>{html.escape(t("page", "subtitle", lang))}</small></h1>
<p>{built} <small>kawasaki_econ {__version__}</small></p>
<nav><ul>{"".join(toc)}</ul></nav>
{findings}
<section id="peers"><h2>{html.escape(t("page", "peers", lang))}</h2>
<p>{html.escape(peers_text)}</p>
<details><summary>{html.escape(t("page", "peers_members", lang, n=len(members)))}</summary>
{table_html(members)}</details></section>
{"".join(body)}
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, page)
    return path


__all__ = ["AUDIT_DETAILS", "AUDIT_SHOWN", "MISSING", "Figure", "PageSection", "audit_html",
           "figure_records", "format_cell", "table_html", "write_html"]
