"""Lookup keys for place names: one spelling for every way a name is written."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_TRANS = str.maketrans({"'": None, "’": None, "ʼ": None, "‘": None, "`": None, "ʻ": None, "ʿ": None,
                        "ʾ": None, ".": None, "-": " ", "‐": " ", "–": " ", "_": " "})
_ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "az ", "at ", "ash ", "el ", "ath ", "adh ")


@lru_cache(maxsize=65536)  # names repeat across sentences and articles
def norm(s: str) -> str:
    """Lookup key: casefolded, accents stripped, apostrophes and dots dropped, hyphens as spaces."""
    s = s.casefold()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
        s = s.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    s = s.translate(_TRANS)
    if "  " in s or s[:1] == " " or s[-1:] == " ":
        s = " ".join(s.split())
    return s


_ARTICLE_SET = frozenset(_ARTICLES)


def _strip_article(key: str) -> str | None:
    """"al raqqah" -> "raqqah": the key without an Arabic article, for names indexed without it."""
    space = key.find(" ")       # an article is the key's first word (each ends in its one space)
    if space > 0 and key[:space + 1] in _ARTICLE_SET and len(key) > space + 3:
        return key[space + 1:]
    return None
