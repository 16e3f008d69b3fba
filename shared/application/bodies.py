"""The bodies a resident may have reported to, in the words the resident and the operator read
(the payload's `reported_to` values are the keys)."""

BODY_WORDS = {
    "police": "the police",
    "council": "the council",
    "housing": "your housing provider",
    "health": "a health service",
    "private_landlord": "a private landlord",
    "councillor": "a councillor",
    "mp": "your MP",
    "residents_group": "a residents' group",
    "social_media": "social media",
    "diary": "a diary that was not sent to anyone",
    "other": "someone else",
    "unknown": "someone (we are not sure who)",
}
