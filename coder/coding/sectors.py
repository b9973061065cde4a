"""The sector (role) part of a CAMEO actor code: one rule for the event columns and the exports."""
from __future__ import annotations

from functools import lru_cache

# CAMEO's sector codes with the names ICEWS-style exports print.
SECTOR_NAMES = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "SPY": "Intelligence", "JUD": "Judicial",
    "LEG": "Legislative / Parliamentary", "REB": "Rebel", "INS": "Insurgents", "UAF": "Unidentified Armed Forces",
    "RAD": "Radicals / Extremists / Fundamentalists", "SEP": "Separatists", "MOD": "Moderate", "OPP": "Opposition",
    "PTY": "Parties", "CVL": "Civilian", "REF": "Refugees / Displaced", "LAB": "Labor", "AGR": "Agricultural",
    "CRM": "Criminals", "ELI": "Elite", "HRI": "Human Rights", "ENV": "Environmental", "REL": "Religious",
    "BUS": "Business", "MNC": "Multinational Corporations", "MED": "Media", "EDU": "Education", "HLH": "Health",
    "NGO": "Nongovernmental Organizations", "IGO": "International Government Organizations",
}


@lru_cache(maxsize=4096)  # a pure function of the code, asked for every side of every event
def role_part(code: str | None) -> str | None:
    """The sector (role) code of an actor code: the first known role among its three-letter parts
    after the first (`IRQMIL` -> MIL, `---OPP` -> OPP, `IGOUNO` -> None, `USA` -> None)."""
    code = code or ""
    return next((code[i:i + 3] for i in range(3, len(code) - 2, 3) if code[i:i + 3] in SECTOR_NAMES), None)
