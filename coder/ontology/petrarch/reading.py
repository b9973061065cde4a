"""Reading PETRARCH's flat-text format: comment-free lines, the words of a phrase, letter case."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass
class _Line:
    text: str  # comment-free, right-stripped; leading whitespace kept (it marks date restrictions)
    number: int
    where: str  # file:line, for reports


def _read_lines(path: Path, *, semicolon: bool = False) -> list[_Line]:
    """Non-empty lines without `#` comments, `<!-- -->` comments and (actors) `;` comments."""
    out: list[_Line] = []
    in_comment = False
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if in_comment:
                if "-->" not in line:
                    continue
                line = line[line.index("-->") + 3:]
                in_comment = False
            while "<!--" in line:
                head, _, tail = line.partition("<!--")
                if "-->" in tail:
                    line = head + tail[tail.index("-->") + 3:]
                else:
                    line, in_comment = head, True
            if line.lstrip().startswith("<!"):
                continue
            if "#" in line:
                line = line[:line.index("#")]
            if semicolon and ";" in line:
                line = line[:line.index(";")]
            if line.strip():
                out.append(_Line(line.rstrip(), number, f"{path.name}:{number}"))
    return out


def _words(phrase: str) -> list[str]:
    """PETRARCH joins words with `_` (consecutive) or blanks (gaps allowed): both become blanks."""
    return [w for w in re.split(r"[\s_]+", phrase.strip()) if w]


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415 - spaCy only when needed

    return frozenset(STOP_WORDS)


def _letters(text: str) -> int:
    """How many ASCII letters: `U.S.` has 2."""
    return len(re.sub(r"[^A-Za-z]", "", text))


def _keep_capitals(words: list[str]) -> bool:
    """Short acronyms (UN, USA, U.S.) and function words (US, IS, WHO) must match in capitals only."""
    rest = words[1:] if len(words) > 1 and words[0].upper() == "THE" else words
    if _letters("".join(rest)) <= 3:
        return True
    return len(rest) == 1 and rest[0].lower() in _stop_words()


def _name_case(phrase: str) -> str:
    """PETRARCH writes every phrase in capitals; ours match any case unless written as an acronym."""
    words = _words(phrase)
    if _keep_capitals(words):
        return " ".join(words)
    out = []
    for word in words:
        if any(c.isdigit() for c in word) or ("." in word and _letters(word) <= 3):
            out.append(word)
        else:
            out.append(word.title() if word.isupper() else word)
    return " ".join(out)


def _common_case(phrase: str) -> str:
    """Agents and pattern words are common nouns: lower case, except short acronyms (MSF)."""
    words = _words(phrase)
    if len(words) == 1 and _letters(words[0]) <= 3 and words[0].isupper() \
            and words[0].lower() not in _stop_words():
        return words[0]
    return " ".join(w.lower() for w in words)
