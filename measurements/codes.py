"""One-time codes that are easy to type from paper: Crockford base32 in groups of four.

12 characters carry 60 random bits. Together with the guessing limit (ATTEMPT_LIMIT unknown codes
per client per ATTEMPT_WINDOW) a guesser would need far more attempts than a pulse lasts to hit
any of a pulse's codes. Typing is forgiving the way Crockford describes it: case does not matter,
dashes and spaces are ignored, I and L read as 1, O reads as 0.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_IGNORED = str.maketrans("", "", "- \t\u00a0\u2010\u2011\u2012\u2013\u2014")


def code_new() -> str:
    """A fresh code in its stored form (12 characters, no dashes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_normalize(raw: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be a code."""
    cleaned = raw.translate(_IGNORED).upper().translate(_ALIASES)
    if len(cleaned) != LENGTH or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def code_display(code: str) -> str:
    """The printed form: K7QM-2XPD-9FHA. Codes of another shape are shown as they are."""
    if len(code) != LENGTH:
        return code
    return "-".join(code[i : i + GROUP] for i in range(0, LENGTH, GROUP))
