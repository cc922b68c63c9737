"""The report of one municipality: notebooks executed with its parameters, an HTML page,
a workbook and the figures (see :mod:`.reproduce`).

Modules: :mod:`.execute` (notebook execution; papermill injects the parameters),
:mod:`.key_tables` (key tables and area names in the report's language),
:mod:`.chapter_tables` (location quotients, shift-share), :mod:`.plan_tables` (claims
audit and status board, for a municipality with a plan), :mod:`.excel` (workbook),
:mod:`.html` (page), :mod:`.wording` (every word in Japanese and English),
:mod:`.reproduce` (the whole run, built in a temporary folder and swapped in).
"""

from .excel import write_excel
from .execute import (
    INJECTED_TAG,
    PARAMETERS_TAG,
    TIMINGS_NAME,
    NotebookError,
    NotebookRun,
    execute_notebooks,
    inject_parameters,
    notebook_paths,
    notebooks_dir,
)
from .html import figure_records, write_html
from .reproduce import EXCEL_NAME, HTML_NAME, clean_stale, report_dir, reproduce

__all__ = ["EXCEL_NAME", "HTML_NAME", "INJECTED_TAG", "PARAMETERS_TAG", "TIMINGS_NAME",
           "NotebookError", "NotebookRun", "clean_stale", "execute_notebooks",
           "figure_records", "inject_parameters", "notebook_paths", "notebooks_dir",
           "report_dir", "reproduce", "write_excel", "write_html"]
