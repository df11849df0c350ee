"""Helpers shared by the evaluation modules."""
from __future__ import annotations

import re
import unicodedata


def norm(text: str | None) -> str:
    """Compare text loosely: NFKC, case-folded, whitespace collapsed, typographic quotes made plain."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.split()).casefold()


def words(text: str | None) -> set[str]:
    """The set of word tokens of ``text`` (for comparing author lists written in different orders)."""
    return set(re.findall(r"\w+", norm(text)))


def share(hits: int, total: int) -> float | None:
    return hits / total if total else None
