"""kinerja: a Git-driven tracker for the SOP "Mekanisme Pengumpulan Data Kinerja".

The package is split by pipeline stage (DESIGN.md section 6): ``read`` -> ``validate`` ->
``model`` -> ``recap`` / ``history`` -> ``present``, with thin adapters (``cli``, the MkDocs plugin,
the CI reporter) on top.
"""

__version__ = "0.1.0"
