"""The analyst's KPI workbook format: rules, reading/validation, merging of imports.

Modules (import them directly; this package imports nothing, so that
:mod:`kawasaki_econ.sources.kpi` can use :mod:`.workbook` without a cycle):

* :mod:`.rules` — units and their scales, comparison operators, the indicator-id format,
  fiscal-year headers, plausible ranges (each rule in one place);
* :mod:`.workbook` — read and validate a filled workbook (every error in one run);
* :mod:`.merge` — combine the imports in import order: the newest import wins.

The commands that use it (``kpi import / list / remove / template``) sit above the build
engine, in :mod:`kawasaki_econ.commands`.
"""
