"""Stage 5: the published site. ``pages`` is a pure function from a snapshot to files; the
MkDocs plugin (``plugin``) and ``kinerja pages --out DIR`` are two thin ways to use it."""
