"""Contact details typed in free text: UK postcode, phone number, email address."""

from __future__ import annotations

import re
from typing import Optional

# Outward code (area, district) then inward code (sector, unit); the unit never uses C I K M O V.
_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][0-9A-Z]?)\s*([0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w.-]*@)\b")
_PHONE = re.compile(r"(?<![\d+])(?:\+\s?44\s?(?:\(0\)\s?)?|0)(?:[\s\-()]*\d){9,10}(?![\d])")


def extract_postcode(text: str) -> Optional[str]:
    """'st162dh' or 'ST16  2DH' -> 'ST16 2DH'."""
    m = _POSTCODE.search(text if isinstance(text, str) else "")
    return f"{m.group(1).upper()} {m.group(2).upper()}" if m else None


def extract_email(text: str) -> Optional[str]:
    m = _EMAIL.search(text if isinstance(text, str) else "")
    if not m or len(m.group(1)) > 254 or len(m.group(1).split("@")[0]) > 64:
        return None
    return m.group(1)


def extract_phone(text: str) -> Optional[str]:
    """A UK number as 11 digits starting 0 ('+44 7700 900123' -> '07700900123'), or None."""
    for m in _PHONE.finditer(text if isinstance(text, str) else ""):
        digits = re.sub(r"\D", "", m.group(0))
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        if len(digits) == 11 and digits.startswith("0") and digits[1] in "1237":  # landlines, mobiles, 03 numbers
            return digits
    return None
