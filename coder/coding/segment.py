"""Split scraped article text into paragraphs, blank out page boilerplate, find the dateline.

Boilerplate is overwritten with spaces rather than cut out, so every character offset the coder
reports still points into the original article text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

_COPYRIGHT_LINE = r"^\s*(©|\(c\)|copyright\b).{0,200}$"  # the copyright rule's half anchored at the start
# Whole lines that are page furniture, not news (case-insensitive). Each has a name for the counts.
_LINE_RULES = {
    "subscription": r"\b(only subscribers|subscribe (now|today|to)|please (subscribe|log ?in|sign in)|"
                    r"subscribers? (only|can)|digital access|already a subscriber)\b",
    "account": r"\b(reset your password|forgot (your )?password|account email|sign up for (our|the)|"
               r"create an account|log ?in (first|to (comment|continue)))\b",
    "cookies": r"\b(we use cookies|cookie (policy|settings)|accept (all )?cookies)\b",
    "share": r"^\s*(share( this)?( article| story)?|tweet|email|print|read more|related( articles)?|"
             r"advertisement|skip to (main )?content)\s*:?\s*$",
    "copyright": _COPYRIGHT_LINE + r"|\ball rights reserved\b",
    "loading": r"^\s*loading\s*(\.\.\.|…)?\s*$",
}
_LINE_RX = {name: re.compile(rx, re.I) for name, rx in _LINE_RULES.items()}
# Most lines are news: a line is only searched when it is short (the anchored rules) or holds one
# of these words, which a plain substring test finds far faster than the regular expressions.
_SHORT_LINE = 250
_HINTS = ("subscri", "password", "account", "sign up", "log in", "login", "sign in", "cookie", "rights reserved",
          "digital access")
# Every match of a rule that is not anchored at the line's start (subscription, account, cookies, `all
# rights reserved`) holds a hint, in lower case, unless the line has one of the letters re.I also
# matches elsewhere (`İ`, `ı`, `ſ`, the Kelvin sign: lower() does not make them the ASCII letter).
# A short line with no hint and none of them can only match the anchored rules, tried in order.
_FOLDED = ("\u0130", "\u0131", "\u017f", "\u212a")
_ANCHORED_RX = (("share", _LINE_RX["share"]), ("copyright", re.compile(_COPYRIGHT_LINE, re.I)),
                ("loading", _LINE_RX["loading"]))


def _boilerplate_rule(body: str, low: str | None = None) -> str | None:
    """The name of the first rule (in _LINE_RULES order) that finds the line page furniture, or
    None. `low`: body.lower(), when the caller has it."""
    low = body.lower() if low is None else low
    if not any(map(low.__contains__, _HINTS)):
        return _unhinted_rule(body)
    return _any_rule(body)


def _unhinted_rule(body: str) -> str | None:
    """_boilerplate_rule of a line with no hint word in its lower case."""
    if len(body) > _SHORT_LINE:
        return None
    if body.isascii() or not any(map(body.__contains__, _FOLDED)):
        return next((name for name, rx in _ANCHORED_RX if rx.match(body)), None)
    return _any_rule(body)


def _any_rule(body: str) -> str | None:
    return next((name for name, rx in _LINE_RX.items() if rx.search(body)), None)

# Fragments inside a line: photo credits and loader text.
_INLINE_RX = re.compile(
    r"\((?:photo|image|picture|file photo|video)s?\b[^)]{0,80}\)"
    r"|\b(?:photo|image) (?:by|credit|courtesy)\s*:?\s*[A-Z][\w./ -]{0,40}$"
    r"|\bLoading\s*(?:\.\.\.|…)",
    re.I,
)
# What each of the expression's three kinds of fragment holds (lower-cased): a bracketed credit a
# bracketed hint and both brackets, a credit line a credit hint, loader text `load` and an ellipsis.
# So every fragment holds one of _INLINE_HINTS, and most articles and lines skip the expression.
# The hints avoid `i`, `k` and `s`, which re.I also matches in other letters (`ı`, `İ`, the Kelvin
# sign, `ſ`).
_BRACKETED_HINTS = ("photo", "mage", "cture", "deo")
_CREDIT_HINTS = ("photo by", "mage by", "photo cred", "mage cred", "photo courte", "mage courte")
_INLINE_HINTS = (*_BRACKETED_HINTS, "load")  # (each credit hint holds `photo` or `mage`)

# A run of 50 or more characters that are neither letters, digits nor spaces: dividers (`=====`),
# walls of emoji, quotes or brackets. Not prose; and spaCy's tokenizer splits prefix and suffix
# punctuation off a token one character at a time, in time quadratic in the run's length: a line of
# 50,000 `(` took minutes, so one such document stalled a whole batch (found by tests/test_fuzz.py).
_SYMBOL_RUN_RX = re.compile(r"(?:[^\w\s]|_){50,}")
_SYMBOL_RUN = 50


def _inline_fragments(body: str, low: str | None = None) -> list[re.Match]:
    """`low`: body.lower(), when the caller has it."""
    low = body.lower() if low is None else low
    return list(_INLINE_RX.finditer(body)) if _may_hold_fragment(body, low) else []


def _may_hold_fragment(body: str, low: str) -> bool:
    """Could _INLINE_RX match in the line? Only if one of its three kinds could (see the hints)."""
    return (("(" in body and ")" in body and any(map(low.__contains__, _BRACKETED_HINTS)))
            or any(map(low.__contains__, _CREDIT_HINTS))
            or ("load" in low and ("..." in body or "\u2026" in body)))


def _symbol_runs(body: str) -> list[re.Match]:
    """A run holds no white space (str.split and the expression agree on what that is), so it lies
    inside one whitespace-separated chunk at least as long: prose lines have none, and skip the
    expression."""
    if len(body) < _SYMBOL_RUN or max(map(len, body.split()), default=0) < _SYMBOL_RUN:
        return []
    return list(_SYMBOL_RUN_RX.finditer(body))


_BLOCK = _SYMBOL_RUN // 2


def _may_hold_run(text: str) -> bool:
    """Could `text` hold _SYMBOL_RUN characters in a row with no white space? Such a run covers a
    whole block of _BLOCK characters starting at a multiple of _BLOCK, and that block has no space.
    In prose every block has one, so an article is looked at block by block (a few dozen C-level
    tests) and its lines are not split into words (a str for every word: a third of the cleaning)."""
    return any(" " not in text[i:i + _BLOCK] for i in range(0, len(text) - _BLOCK + 1, _BLOCK))

# `PARIS —`, `BAGHDAD (Reuters) -`, `WASHINGTON, Oct. 25 —` at the start of a paragraph: the one
# dateline grammar. clean_article finds datelines with it, coder.places reads a given one with it.
_DATELINE = (
    r"^\s*(?P<place>[A-Z][A-Z.'\- ]{1,40}?[A-Z.])(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    r"(?:,?\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,30})\))?\s*[—–-]{1,2}\s+")
_DATELINE_RX = re.compile(_DATELINE)
_DATELINE_MAX_WORDS = 4  # a longer upper-case run opening a paragraph is a headline, not a place


# The longest paragraph handed to spaCy. A scraped article is often one line without breaks; one of
# more than spaCy's nlp.max_length (1,000,000 characters) made every document of 1 MB or more on one
# line fail with ValueError [E088] (found by tests/test_fuzz.py). Several stages also take time
# quadratic in a paragraph's length (a 100,000-character line dense with events took minutes), and
# the dependency parser needs about 1 GB of memory per 100,000 characters. So longer lines are cut,
# at the last likely sentence end (else at a space), into pieces of at most this many characters,
# far more than any real paragraph; offsets stay those of the original text.
MAX_PARAGRAPH = 10_000
# `... attacked Rohan. The` : a word of two lower-case letters or digits, the stop, a capital next;
# not `U.S. Army`, which the sentencizer would not split either.
_SENTENCE_END = r"(?<=[a-z0-9]{2})[.!?][\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(\[]?[A-Z])"


@dataclass(frozen=True)
class Paragraph:
    start: int  # character offset of the paragraph in the article text
    text: str  # the paragraph, boilerplate blanked to spaces (same length as the original)


@dataclass(frozen=True)
class Dateline:
    place: str  # "PARIS", "Kabul"
    region: str | None  # the qualifier after the place: "Afghanistan" in "Kabul, Afghanistan —"
    text: str  # the whole dateline as written, dash included: "BAGHDAD (Reuters) -"
    start: int  # offsets of the place in the text searched
    end: int
    length: int  # characters the dateline takes at the start of that text, trailing spaces included


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening `text` (an upper-case place of at most four words, a dash), or None."""
    return _dateline(_DATELINE_RX.match(text), max_words=_DATELINE_MAX_WORDS)


def parse_dateline(text: str) -> Dateline | None:
    """`text` read as a dateline, in any case, its dash optional: 'Paris, Texas' -> Paris, Texas."""
    # A dateline handed over as one ("Kabul, Afghanistan —", "MOSUL") may be written in any case.
    given = _rarely_used(_DATELINE, re.I)
    return _dateline(given.match(text + (" " if re.search(r"[—–-]\s*$", text) else " — ")))


@cache
def _rarely_used(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use, for what only some inputs ask (a given dateline, a paragraph
    longer than MAX_PARAGRAPH): compiling them on import cost every start 2 ms."""
    return re.compile(pattern, flags)


def _dateline(match: re.Match | None, *, max_words: int | None = None) -> Dateline | None:
    if not match or (max_words is not None and len(match.group("place").split()) > max_words):
        return None
    return Dateline(match.group("place").strip(), match.group("region"), match.group(0).strip(),
                    match.start("place"), match.end("place"), match.end())


@dataclass
class CleanArticle:
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)  # boilerplate rule -> fragments blanked
    dateline: str | None = None  # the place named by the dateline, e.g. "PARIS"
    dateline_span: tuple[int, int] | None = None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def clean_article(text: str) -> CleanArticle:
    out = CleanArticle()
    offset = 0
    # What the article as a whole lacks, no line of it has: the hint words (a line's lower case is
    # part of the article's: lower() works letter by letter but for Σ, which lowers to no hint
    # letter) and a block that could be part of a symbol run (lines part at white space). Most
    # articles lack them all, and their lines are then neither lower-cased nor searched for them
    # (the cleaning took 27% fewer instructions on the real-news bench articles).
    low_text = text.lower()
    hinted = any(map(low_text.__contains__, _HINTS))
    inline_hinted = any(map(low_text.__contains__, _INLINE_HINTS))
    long_chunks = _may_hold_run(text)
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        low = body.lower() if hinted or inline_hinted else None
        rule = _boilerplate_rule(body, low) if hinted else _unhinted_rule(body)
        if rule:
            out.dropped[rule] = out.dropped.get(rule, 0) + 1
            continue
        for match in reversed(_inline_fragments(body, low) if inline_hinted else ()):
            body = _blank(body, match.start(), match.end())
            out.dropped["inline"] = out.dropped.get("inline", 0) + 1
        for match in _symbol_runs(body) if long_chunks else ():
            body = _blank(body, match.start(), match.end())
            out.dropped["symbols"] = out.dropped.get("symbols", 0) + 1
        if out.dateline is None and not out.paragraphs:
            body = _take_dateline(out, body, line_start)
        if body.strip():
            out.paragraphs.extend(_pieces(line_start, body))
    # A dateline may also open the first paragraph after a headline or a caption.
    if out.dateline is None:
        for index, para in enumerate(out.paragraphs[:3]):
            body = _take_dateline(out, para.text, para.start)
            if out.dateline is not None:
                out.paragraphs[index] = Paragraph(para.start, body)
                break
    return out


def _pieces(start: int, body: str) -> list[Paragraph]:
    """`body` as one Paragraph, or as several of at most MAX_PARAGRAPH characters (see there)."""
    pieces = []
    while len(body) > MAX_PARAGRAPH:
        window = body[:MAX_PARAGRAPH]
        ends = [m.end() for m in _rarely_used(_SENTENCE_END).finditer(window, MAX_PARAGRAPH // 2)]
        cut = ends[-1] if ends else max(window.rfind(" ", MAX_PARAGRAPH // 2) + 1, 0) or MAX_PARAGRAPH
        if body[:cut].strip():
            pieces.append(Paragraph(start, body[:cut]))
        start, body = start + cut, body[cut:]
    if body.strip():
        pieces.append(Paragraph(start, body))
    return pieces


def _take_dateline(out: CleanArticle, body: str, line_start: int) -> str:
    found = find_dateline(body)
    if found is None:
        return body
    out.dateline = found.place
    out.dateline_span = (line_start + found.start, line_start + found.end)
    return _blank(body, 0, found.length)
