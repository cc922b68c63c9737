"""The analyst's KPI workbook — entry points kept under their first name.

The implementation lives in :mod:`kawasaki_econ.kpi` (rules, template, workbook reading,
import store); this module re-exports what the command line and notebooks use.
"""

from __future__ import annotations

from .kpi.store import ImportResult, import_workbook, list_imports, remove_import
from .kpi.template import write_template
from .kpi.workbook import WorkbookError, read_workbook

__all__ = ["ImportResult", "WorkbookError", "import_workbook", "list_imports",
           "read_workbook", "remove_import", "write_template"]
