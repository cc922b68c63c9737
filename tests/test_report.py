"""The report of one municipality: Yokohama in full (one run, module fixture), Kawasaki with
its stations and claims audit (notebook 03 only), Yokohama in English (CLI, notebook 01
only), a core city and a small town (tables only), and a kill test of the all-or-nothing
swap. Expected values come from the raw files (SSDSE-A) or the issue (rank 6 of 20)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kawasaki_econ import report
from kawasaki_econ.catalog import read_catalog
from kawasaki_econ.figures.style import has_japanese

JSON_LIKE = re.compile(r'[{\[]\s*"[^"]+"\s*:')


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kawasaki_econ", *args], capture_output=True,
                          text=True, timeout=600, **kwargs)


def _sheet(path: Path, name: str) -> tuple[list[str], list[tuple]]:
    wb = load_workbook(path, read_only=True)
    rows = list(wb[name].iter_rows(min_row=2, values_only=True))
    return list(rows[0]), rows[1:]


def _headers(path: Path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    return [str(h) for ws in wb for h in next(ws.iter_rows(min_row=2, max_row=2,
                                                           values_only=True)) if h]


@pytest.fixture(scope="module")
def yokohama(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "14100"
    start = time.perf_counter()
    index = report.reproduce("14100", out_dir=out, quiet=True)
    return out, index, time.perf_counter() - start


@pytest.fixture(scope="module")
def kawasaki(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "14130"
    notebook = report.notebooks_dir() / "03_station_ridership.ipynb"
    index = report.reproduce(out_dir=out, notebooks=[notebook], quiet=True)
    return out, index


# --------------------------------------------------------------------------- Yokohama


def test_yokohama_report_is_complete(yokohama):
    out, index, seconds = yokohama
    assert index == out / "index.html" and index.exists()
    assert (out / report.EXCEL_NAME).exists() and (out / report.TIMINGS_NAME).exists()
    for name in ("01_census_totals", "02_city_employee_change", "04_guest_nights_monthly"):
        assert (out / "figures" / f"{name}.png").exists(), name
        assert (out / "figures" / f"{name}.svg").exists(), name
    assert not list((out / "figures").glob("03_*")), "Yokohama has no stations in the data"
    assert not list((out / "figures").glob("05_*")) and not list((out / "figures").glob("06_*"))
    assert not list(out.parent.glob(".14100.*")), "temporary folder left behind"
    assert seconds < 120, f"report took {seconds:.0f} s"


def test_yokohama_html_title_and_sections(yokohama):
    _, index, _ = yokohama
    page = index.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "横浜市" in title and "川崎" not in title
    assert '<html lang="ja">' in page
    assert "政令指定都市20市と東京都区部" in page  # the peer group, documented on the page
    assert "駅別乗車人員のデータには横浜市の駅が含まれない" in page  # one sentence, no section
    assert "検証項目（claims.toml）は提供されていない" in page
    assert "神奈川県の値を示します" in page  # tourism at the prefecture level
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) >= 6 and all(s.startswith("data:image/png;base64,") for s in images)
    assert not re.search(r'<(?:img|script|link)[^>]+(?:src|href)="(?:https?:|file:|/)', page)


def test_yokohama_ranks_6th_of_20_in_the_comparison_data(yokohama):
    out, _, _ = yokohama
    head, rows = _sheet(out / report.EXCEL_NAME, "比較グループ")
    col = {h: i for i, h in enumerate(head)}
    by_code = {r[col["地域コード"]]: r for r in rows}
    row = by_code["14100"]
    assert row[col["増減率の順位（20地域中）"]] == 6
    # SSDSE-A-2021 and -2026, column C2208 (従業者数・民営) of 横浜市
    assert row[col["従業者数 2016年（人）"]] == 1475974
    assert row[col["従業者数 2021年（人）"]] == 1527783
    assert sorted(r[col["増減率の順位（20地域中）"]] for r in rows
                  if r[col["増減率の順位（20地域中）"]] is not None) == list(range(1, 21))
    # the data behind the figure: the executed notebook 02 shows the same rank table
    executed = (out / "notebooks" / "02_city_comparison.ipynb").read_text(encoding="utf-8")
    assert '"injected-parameters"' in executed
    assert 'FOCUS = \\"14100\\"' in executed  # papermill's injected cell, JSON-escaped


def test_workbook_number_formats_filters_and_print_setup(yokohama):
    out, _, _ = yokohama
    wb = load_workbook(out / report.EXCEL_NAME)
    assert wb.sheetnames == ["経済センサス", "比較グループ", "特化係数", "シフト・シェア分析",
                             "延べ宿泊者数（年）", "出典"]
    for ws in wb:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), ws.title
        assert ws.print_title_rows == "$2:$2", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
    ws = wb["比較グループ"]
    head = {c.value: c.column for c in ws[2]}
    third = {h: ws.cell(row=3, column=c) for h, c in head.items()}
    assert third["従業者数 2016年（人）"].number_format == "#,##0"
    assert third["従業者数の増減率"].number_format == "0.0%"
    assert third["増減率の順位（20地域中）"].number_format == "0"
    ws = wb["経済センサス"]
    head = {c.value: c.column for c in ws[2]}
    assert ws.cell(row=3, column=head["従業者数（人）"]).number_format == "#,##0"
    rows = list(wb["出典"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(read_catalog())


# --------------------------------------------------------------------------- Kawasaki


def test_kawasaki_report_has_stations_and_a_readable_audit(kawasaki):
    out, index = kawasaki
    page = index.read_text(encoding="utf-8")
    assert "川崎市" in re.search(r"<title>(.*?)</title>", page).group(1)
    assert (out / "figures" / "03_station_ridership_index.png").exists()
    audit = page[page.index('<section id="claims">'):page.index('<section id="sources">')]
    assert '<table class="audit">' in audit and audit.count("<tr>") > 10
    assert not JSON_LIKE.search(audit), "JSON in the audit table"
    assert not re.search(r">\s*None\s*<", audit) and "None" not in audit
    assert "41,028" in audit  # thousands separators (the plan's 2016 establishments)
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    assert wb.sheetnames == ["経済センサス", "比較グループ", "特化係数", "シフト・シェア分析",
                             "駅乗車人員", "延べ宿泊者数（年）", "計画の検証", "成果指標の達成見通し",
                             "出典"]
    for row in wb["計画の検証"].iter_rows(min_row=3, values_only=True):
        for value in row:
            assert value != "None" and not (isinstance(value, str) and JSON_LIKE.search(value))
    head, rows = _sheet(out / report.EXCEL_NAME, "駅乗車人員")
    col = {h: i for i, h in enumerate(head)}
    kosugi = {r[col["年度"]]: r for r in rows if r[col["駅名"]] == "武蔵小杉"}
    assert kosugi[2010][col["1日平均乗車人員（人/日）"]] == 99617  # JR East FY2010 table


def test_kill_leaves_the_previous_report(kawasaki):
    out, index = kawasaki
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kawasaki_econ", "report", "--focus", "14130", "--out", str(out),
         "--notebooks", "03"], stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # kill once the notebooks run into the temporary folder
        if line.startswith("executing"):
            break
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the previous complete report was changed by a killed run"
    stale = list(out.parent.glob(f".{out.name}.tmp-*"))
    assert stale, "the killed run should have left its temporary folder"
    removed = report.clean_stale(out)
    assert set(removed) == set(stale) and not list(out.parent.glob(f".{out.name}.*"))
    assert index.exists()


# --------------------------------------------------------------------------- English, others


def test_english_report_by_name_has_no_japanese_headers(tmp_path):
    out = tmp_path / "yokohama-en"
    proc = _cli("report", "--focus", "横浜市", "--lang", "en", "--out", str(out),
                "--notebooks", "01")
    assert proc.returncode == 0, proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Yokohama" in re.search(r"<title>(.*?)</title>",
                                                                   page).group(1)
    headers = re.findall(r"<th>(.*?)</th>", page) + _headers(out / report.EXCEL_NAME)
    japanese = [h for h in headers if has_japanese(h)]
    assert not japanese, f"Japanese-only headers under --lang en: {japanese}"
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    assert wb.sheetnames == ["Economic census", "Peer comparison", "Location quotients",
                             "Shift-share", "Guest nights (annual)", "Sources"]


@pytest.mark.parametrize(("focus", "kind", "text"), [
    ("船橋市", "core", "中核市62市（総務省の中核市一覧、2021-04-01現在）"),
    ("真鶴町", "other", "神奈川県の市区町村"),
])
def test_core_city_and_small_town_reports_show_their_group(tmp_path, focus, kind, text):
    index = report.reproduce(focus, out_dir=tmp_path / kind, notebooks=[], quiet=True)
    page = index.read_text(encoding="utf-8")
    assert text in page
    head, rows = _sheet(tmp_path / kind / report.EXCEL_NAME, "比較グループ")
    assert len(rows) >= 21 and sum(1 for r in rows if r[2] == "対象") == 1


def test_ambiguous_and_unknown_focus_are_usage_errors(tmp_path):
    proc = _cli("report", "--focus", "府中市", "--out", str(tmp_path / "x"))
    assert proc.returncode == 1 and "13206" in proc.stderr and "34208" in proc.stderr
    assert not (tmp_path / "x").exists()
    proc = _cli("report", "--focus", "99999", "--out", str(tmp_path / "y"))
    assert proc.returncode == 1 and "no municipality with code 99999" in proc.stderr


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    proc = _cli("report", "--focus", "14130", "--out", str(keep), "--notebooks", "01")
    assert proc.returncode == 1 and "not a report folder" in proc.stderr
    assert [p.name for p in keep.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".documents.*"))


def test_parameters_are_injected_after_the_parameters_cell():
    import nbformat

    nb = nbformat.read(report.notebooks_dir() / "01_census_trends.ipynb", as_version=4)
    report.inject_parameters(nb, {"FOCUS": "14100", "LANG": "en"})
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = next(i for i, t in enumerate(tags) if report.PARAMETERS_TAG in t)
    assert report.INJECTED_TAG in tags[at + 1]
    assert 'FOCUS = "14100"' in nb.cells[at + 1].source  # papermill's parameterisation
    report.inject_parameters(nb, {"FOCUS": "14130"})  # replaces, never stacks
    assert sum(report.INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells) == 1


def test_failed_notebook_is_reported(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    bad = tmp_path / "99_bad.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("raise ValueError('boom')")]), bad)
    with pytest.raises(report.NotebookError, match="99_bad.ipynb"):
        report.execute_notebooks([bad], out_dir=tmp_path / "out", figures_dir=tmp_path / "f",
                                 tables_dir=tmp_path / "t", quiet=True, timeout=60)
    assert (tmp_path / "out" / "99_bad.ipynb").exists()
