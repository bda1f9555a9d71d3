"""Talking to the forge (GitHub, Forgejo, Gitea) and writing its CODEOWNERS.

* ``kinerja merge PR`` (:mod:`.merge`): reads the pull request's reviews, keeps the approvals of
  the current head commit, checks the approvals that ``organisasi.yml`` requires for the files
  (:mod:`.approvals`), then squash-merges with a message carrying the trailers that the history
  reads back (:mod:`.message`, format in :mod:`kinerja.history.trailers`).
* ``kinerja codeowners`` (:mod:`.codeowners`): the same requirements, written for the forge.

HTTP is stdlib ``urllib`` (:mod:`.http`); the two APIs differ only in :mod:`.api`. Every
endpoint called is listed in :mod:`.endpoints` (with its operation in the published API
descriptions that the tests enforce), and lists are read as :mod:`.paging` says.
"""
