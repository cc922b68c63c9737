"""The report page: one self-contained HTML file (figures embedded as base64 PNG) in the
report's language.

Each figure appears once with its caption inside the image (title, notes and 出典 are
drawn by the figure library), so the page adds no second caption — only the file names.
Tables show numbers with thousands separators, a missing value as "—", never ``None``
or JSON.
"""

from __future__ import annotations

import base64
import html
import json
import numbers
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import __version__
from .execute import NotebookRun
from .text import t

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
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
td.num{text-align:right;white-space:nowrap}
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
    """One record per saved figure (PNG; title from its JSON side file), by name."""
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
    return (f"<table><thead><tr>{head}</tr></thead><tbody>" + "\n".join(rows)
            + "</tbody></table>")


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


def _sources_html(sources: pd.DataFrame) -> str:
    """Sources grouped by publisher: files, origin and licence of the first file."""
    cols = list(sources.columns)
    file_col, publisher_col, origin_col, license_col = cols[0], cols[1], cols[2], cols[7]
    grouped = sources.groupby(publisher_col, sort=False).agg(
        files=(file_col, ", ".join), origin=(origin_col, "first"),
        license=(license_col, "first")).reset_index()
    grouped.columns = [publisher_col, file_col, origin_col, license_col]
    return table_html(grouped)


def write_html(
    path: Path,
    *,
    lang: str,
    title: str,
    peers_text: str,
    members: pd.DataFrame,
    sections: list[PageSection],
    audit: pd.DataFrame | None,
    audit_summary: str,
    sources: pd.DataFrame,
    excel_name: str,
    findings: str = "",
) -> Path:
    """Write the page to ``path`` (temporary name, then rename); returns ``path``."""
    toc = [f'<li><a href="#peers">{html.escape(t("page", "peers", lang))}</a></li>']
    toc += [f'<li><a href="#{html.escape(s.anchor)}">{html.escape(s.heading)}</a></li>'
            for s in sections]
    body = [_section_html(s, lang) for s in sections]
    if audit is not None:
        toc.append(f'<li><a href="#claims">{html.escape(t("page", "claims", lang))}</a></li>')
        body.append(f'<section id="claims"><h2>{html.escape(t("page", "claims", lang))}</h2>'
                    f"<p>{html.escape(audit_summary)}</p>{table_html(audit)}</section>")
    toc.append(f'<li><a href="#sources">{html.escape(t("page", "sources", lang))}</a></li>')
    body.append(f'<section id="sources"><h2>{html.escape(t("page", "sources", lang))}</h2>'
                f"{_sources_html(sources)}</section>")
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
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path


__all__ = ["MISSING", "Figure", "PageSection", "figure_records", "format_cell", "table_html",
           "write_html"]
