"""The hidden lines the bot writes into its issues and comments, and how they are read back.

Only the bot's own words are trusted (see :mod:`kinerja.forge.notify`): a marker counts only in
an issue or comment the token's own account wrote.
"""

from __future__ import annotations

import re

MARKER = "<!-- kinerja:permintaan periode={period} unit={unit} -->"
MARKER_RE = re.compile(r"\A<!-- kinerja:permintaan periode=([0-9a-z-]+) unit=([0-9a-z-]+) -->")
REMINDER = "<!-- kinerja:pengingat {day} -->"
REMINDER_RE = re.compile(r"<!-- kinerja:pengingat (\d{4}-\d{2}-\d{2}) -->")
#: What an issue promises, on its second line (see :class:`RequestFacts`).
FACTS = "<!-- kinerja:isi {fields} -->"
FACTS_RE = re.compile(r"^<!-- kinerja:isi ([^\n]*?) -->\r?$", re.M)
#: A comment announcing a change of the request, with the digest of the facts it announces.
CHANGED = "<!-- kinerja:perubahan {digest} -->"
CHANGED_RE = re.compile(r"<!-- kinerja:perubahan ([0-9a-f]+) -->")
#: A comment closing the issue of a unit dropped from the request: reopened if asked again.
WITHDRAWN = "<!-- kinerja:dicabut -->"
ASKED_AGAIN = "<!-- kinerja:diminta-lagi -->"
