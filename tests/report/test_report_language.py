"""A report is in one language throughout, and reports in different languages never
replace each other."""

from __future__ import annotations

import html
import re

import pytest
from openpyxl import load_workbook

from kawasaki_econ import report
from kawasaki_econ.errors import KawasakiEconError
from kawasaki_econ.lang import has_japanese
from kawasaki_econ.paths import reports_dir
from kawasaki_econ.report.reproduce import report_dir


def _page_texts(page: str) -> list[str]:
    """The text nodes of a page (without its style sheet), unescaped."""
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return [html.unescape(t).strip() for t in re.findall(r">([^<>]+)<", body) if t.strip()]


def test_each_language_has_its_own_default_folder():
    assert report_dir("14130", "ja") == reports_dir() / "14130"
    assert report_dir("14130", "en") == reports_dir() / "14130-en"


def test_a_report_in_another_language_is_never_replaced(tmp_path):
    out = tmp_path / "yokohama"
    report.reproduce("14100", out_dir=out, notebooks=[], quiet=True)
    before = (out / "index.html").read_bytes()
    with pytest.raises(KawasakiEconError, match="refusing to replace the 'ja' report"):
        report.reproduce("14100", lang="en", out_dir=out, notebooks=[], quiet=True)
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".yokohama.*"))


def test_english_page_and_workbook_have_no_japanese(tmp_path):
    """Yokohama (designated city: peer names, Tokyo's wards, Kanagawa) in English: every
    heading, table cell and sentence of the page, and the peer tables' names."""
    out = tmp_path / "14100-en"
    report.reproduce("14100", lang="en", out_dir=out, notebooks=[], quiet=True)
    japanese = [t for t in _page_texts((out / "index.html").read_text(encoding="utf-8"))
                if has_japanese(t)]
    assert not japanese, japanese[:5]
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    rows = list(wb["Peer comparison"].iter_rows(min_row=2, values_only=True))
    col = rows[0].index("Area")
    names = {r[0]: r[col] for r in rows[1:]}
    assert names["14100"] == "Yokohama" and names["27100"] == "Osaka"
    assert names["13100"] == "Tokyo 23 wards"
    assert not [n for n in names.values() if has_japanese(str(n))]
    for sheet in ("Economic census", "Peer comparison", "Location quotients", "Shift-share",
                  "Guest nights (annual)"):
        header = next(wb[sheet].iter_rows(min_row=2, max_row=2, values_only=True))
        assert not [h for h in header if h and has_japanese(str(h))], sheet
        note = next(wb[sheet].iter_rows(min_row=1, max_row=1, values_only=True))[0]
        assert not has_japanese(note), (sheet, note)


def test_japanese_page_sources_and_group_are_japanese(tmp_path):
    out = tmp_path / "custom"
    report.reproduce("14130", out_dir=out, notebooks=[], quiet=True,
                     peers=["14100", "14150"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "public municipal document" not in page and "自治体の公開資料" in page
    assert "--peers" not in page and "指定された3地域" in page
    sources = page[page.index('<section id="sources">'):]
    english = [t for t in _page_texts(sources)
               if re.search(r"[A-Za-z]{4,} [A-Za-z]{3,}", t) and not t.startswith("http")
               and ".csv" not in t and ".json" not in t and ".txt" not in t]
    assert not english, english[:5]
