"""Fill the `VUL IN` places of a new data file the way an editor would, line by line.

Shared by the tests of the command line and of the editors' walkthrough.
"""

from __future__ import annotations

import re

# What an editor types for each field; ids name records that exist in the real and mini data.
ANTWOORDEN = {
    "id": "testverslag",
    "titel": "'Sessie regio Noord'",
    "aanpak": "goed-werk-2022",
    "soort": "regionaal",
    "regio": "Noord",
    "datum": "'2025-03-14'",
    "organisatie": "Zorggroep Test",
    "plaats": "Teststad",
    "aantal": "12",
    "omschrijving": "Twaalf zorgprofessionals",
    "document": "eindverslag-2022",
    "sectie": "'Bijlage 2.5 Regio Noord'",
    "tekst": "'We delen verhalen over goed werk: momenten waarop het klopte.'",
    "reactie": "Dat herken ik.",
    "wie": "Een begeleider",
    "kaart": "blijf-gesprek",
    "thema": "teamwerk",
    "indeling_toelichting": "De bron deelt deze gewoonte niet in; de redactie kiest teamwerk.",
}
LIJSTEN = {"voor": "[team]", "e": "[energie]", "trefwoorden": "[test, invullen]"}

_FIELD = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[a-z_]+): VUL IN$")
_FLOW = re.compile(r"^(?P<key>[a-z_]+): \[VUL IN\]$")
_ITEM = re.compile(r"^(?P<lead>\s*- )VUL IN$")


def fill(text: str, **answers: str) -> str:
    """Every `VUL IN` replaced; `answers` overrides ANTWOORDEN per field name."""
    values = ANTWOORDEN | answers
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            lines.append(line)
        elif match := _FIELD.match(line):
            lines.append(f"{match['lead']}{match['key']}: {values[match['key']]}")
        elif match := _FLOW.match(line):
            lines.append(f"{match['key']}: {LIJSTEN[match['key']]}")
        elif match := _ITEM.match(line):
            lines.append(f"{match['lead']}Testpunt")
        else:
            assert "VUL IN" not in line, f"onverwachte plek voor VUL IN: {line!r}"
            lines.append(line)
    return "\n".join(lines) + "\n"
