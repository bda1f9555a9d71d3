"""``kinerja init``: a new office's tracker repository, from flags alone.

:mod:`kinerja.scaffold.office` turns the flags into the office's data files (pure: dicts and
text); :mod:`kinerja.scaffold.repository` writes them, copies the package, the schemas and the
forge's workflows, makes the merge identity's key and the signed root commit.
"""
