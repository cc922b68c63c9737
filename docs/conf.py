"""Sphinx configuration of the kawasaki_econ documentation (``make docs``).

Built offline with warnings as errors: no intersphinx, no remote images, the notebooks
executed in the build (myst-nb) against the processed data of this checkout.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))  # the package of this checkout

import kawasaki_econ  # noqa: E402

project = "kawasaki_econ"
author = "kawasaki_econ developers"
copyright = "kawasaki_econ developers"  # noqa: A001
release = version = kawasaki_econ.__version__
language = "en"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "README.md"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"

# --- API reference: numpydoc docstrings through autodoc ---------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"  # types in the signature; numpydoc sections say more
autosummary_generate = False
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# One numpydoc validation pass over the docstrings written to the numpydoc standard
# (the load API and the public API of kawasaki_econ.analysis — its modules and the claims
# package —, .forecast, .figures and .report): any failure is a warning, and the build
# treats warnings as errors. One pattern per line.
VALIDATED = (r"kawasaki_econ\.load$",
             r"kawasaki_econ\.analysis\.",
             r"kawasaki_econ\.forecast\.",
             r"kawasaki_econ\.figures\.",
             r"kawasaki_econ\.report\.")
numpydoc_validation_checks = {"all", "GL01", "ES01", "SA01", "RT02"}
numpydoc_validation_exclude = {
    rf"^(?!{'|'.join(VALIDATED)})",
    r"\.[A-Z][A-Z0-9_]*$",  # constants: documented by their ``#:`` comment
    r"\.ComparabilityError$",  # kawasaki_econ.errors' class, imported where raised
}

# --- notebooks: executed in the build (myst-nb) -----------------------------------------
nb_execution_mode = os.environ.get("KAWASAKI_ECON_DOCS_EXECUTE", "force")
nb_execution_timeout = 900
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# --- HTML -------------------------------------------------------------------------------
html_theme = "alabaster"
html_title = "kawasaki_econ"
html_theme_options = {"description": "かわさき産業振興プラン — Chapter 2 analysis, figures, "
                      "claims audit and indicator forecasts",
                      "page_width": "1240px", "body_max_width": "none"}
html_static_path = ["_static"]
html_css_files = ["wide_tables.css"]  # wide notebook tables scroll within the page
