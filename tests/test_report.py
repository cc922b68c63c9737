"""``reproduce()``: the HTML report and the Excel workbook (one notebook, into a
temporary directory)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from kawasaki_econ import report
from kawasaki_econ.figures.style import has_japanese

SHEETS = ["経済センサス", "他都市比較", "駅乗車人員", "延べ宿泊者数（年）", "計画の検証", "出典"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    notebook = report.notebooks_dir() / "03_station_ridership.ipynb"
    index = report.reproduce(timeout=300, out_dir=out, notebooks=[notebook], quiet=True)
    return out, index


def test_reproduce_returns_index_html(built):
    out, index = built
    assert index == out / "index.html" and index.exists()
    assert (out / "notebooks" / "03_station_ridership.ipynb").exists()
    assert (out / "figures" / "03_station_ridership_index.png").exists()
    assert (out / "figures" / "03_station_ridership_index.svg").exists()
    assert (out / report.TIMINGS_NAME).exists()


def test_html_is_self_contained(built):
    _, index = built
    html = index.read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) >= 2 and all(s.startswith("data:image/png;base64,") for s in images)
    assert not re.search(r'<(?:img|script|link)[^>]+(?:src|href)="(?:https?:|file:|/)', html)
    assert "市内JR駅の乗車人員" in html  # notebook title
    assert "出典" in html and "JR東日本" in html  # figure source line, sources section
    assert "ch2-jr-musashikosugi-growth-2009-2015" in html  # claims audit table
    assert 'class="status confirmed"' in html or 'class="status unverifiable"' in html


def test_excel_sheets_with_japanese_headers_and_units(built):
    out, _ = built
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    assert wb.sheetnames == SHEETS
    headers = {}
    for name in SHEETS:
        rows = list(wb[name].iter_rows(min_row=2, max_row=3, values_only=True))
        headers[name] = [h for h in rows[0] if h]
        assert any(has_japanese(str(h)) for h in headers[name]), name
        assert rows[1] and any(v is not None for v in rows[1]), f"{name}: no data"
    assert "従業者数（人）" in headers["経済センサス"] and "事業所数（事業所）" in headers["経済センサス"]
    assert "従業者数の増減率（%）" in headers["他都市比較"]
    assert "1日平均乗車人員（人/日）" in headers["駅乗車人員"]
    assert "延べ宿泊者数（人泊）" in headers["延べ宿泊者数（年）"]
    assert "判定" in headers["計画の検証"] and "発行者" in headers["出典"]


def test_excel_values(built):
    out, _ = built
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    rows = list(wb["経済センサス"].iter_rows(min_row=2, values_only=True))
    head, data = rows[0], rows[1:]
    col = {h: i for i, h in enumerate(head)}
    kawasaki = {r[col["調査年"]]: r for r in data if r[col["地域コード"]] == "14130"}
    assert kawasaki[2016][col["従業者数（人）"]] == 543812
    assert kawasaki[2021][col["事業所数（事業所）"]] == 41223
    assert kawasaki[2014][col["範囲"]] == "全事業所（公務含む）"
    rows = list(wb["駅乗車人員"].iter_rows(min_row=2, values_only=True))
    col = {h: i for i, h in enumerate(rows[0])}
    kosugi = {r[col["年度"]]: r for r in rows[1:] if r[col["駅名"]] == "武蔵小杉"}
    assert kosugi[2010][col["1日平均乗車人員（人/日）"]] == 99617
    rows = list(wb["出典"].iter_rows(min_row=2, values_only=True))
    assert len(rows) - 1 == len(__import__("kawasaki_econ.catalog").catalog.read_catalog())


def test_notebook_paths_include_every_notebook():
    paths = report.notebook_paths()
    assert [p.name for p in paths] == sorted(p.name for p in report.notebooks_dir().glob("*.ipynb"))


def test_failed_notebook_is_reported(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    bad = tmp_path / "99_bad.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("raise ValueError('boom')")]), bad)
    with pytest.raises(report.NotebookError, match="99_bad.ipynb"):
        report.execute_notebooks([bad], out_dir=tmp_path / "out", figures_dir=tmp_path / "f",
                                 tables_dir=tmp_path / "t", quiet=True, timeout=60)
    assert (tmp_path / "out" / "99_bad.ipynb").exists()
