"""Who the victim is: an individual, a business or a community group (rules §1).

The intake asks "a business or community group" as one choice; the name the resident then
gives ("Oak Road Residents' Association", "Patel's Newsagents") tells the two apart, so the
agencies see the right kind. A name that says neither is taken as a business (the caseworker
sees the name beside it).
"""

from __future__ import annotations

import re
from typing import Optional

KINDS = ("individual", "business", "community_group")
# Names the contract used before schema 1 kept the three apart; still read on input for a version.
OLD_KINDS = {"person": "individual", "group": "community_group"}

_GROUP = re.compile(
    r"\b(?:group|association|assoc|club|charity|church|chapel|mosque|temple|gurdwara|synagogue|society|residents?|tenants?"
    r"|scouts?|guides|brownies|cubs|trust|community|committee|league|choir|foundation|neighbourhood watch|allotments?"
    r"|youth|parish|volunteers?|cic|collective|network|forum|food bank|friends of"
    # clubs by their usual abbreviations (football, rugby, cricket) and junior sides
    r"|a?fc|j?fc|rfc|rufc|ccc?|juniors|sports)\b", re.IGNORECASE)


def victim_kind(applicant_type: Optional[str], organisation: Optional[str] = None, said: Optional[str] = None) -> str:
    """`individual`, `business` or `community_group`, from the applicant type and the words given."""
    if applicant_type not in ("organisation", "business_or_group"):
        return "individual"
    words = " ".join(w for w in (organisation, said) if isinstance(w, str))[:500]
    return "community_group" if _GROUP.search(words) else "business"


def normalise_kind(kind: Optional[str], organisation: Optional[str] = None) -> str:
    """A kind as received: today's names, or an old one ("person", "business_or_group") read for a version."""
    if kind in KINDS:
        return kind
    if kind == "business_or_group":
        return victim_kind("organisation", organisation)
    return OLD_KINDS.get(kind or "", "individual")
