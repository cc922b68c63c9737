"""Commands that change the raw data and rebuild: the layer above the build engine.

* :mod:`.kpi_store` — ``kpi import`` / ``kpi list`` / ``kpi remove`` on ``data/raw/kpi/``
  with rollback on failure;
* :mod:`.kpi_excel_template` — ``kpi template``: write the Excel template.

The workbook format itself (rules, reading, merging) is :mod:`kawasaki_econ.kpi`.
"""
