"""clean_article's article-wide tests (hint words, long chunks) give exactly what trying every line
gave: the plain loop is kept here, every rule and expression tried on every line (no timing)."""
import random

import pytest

from coder.coding import segment
from coder.coding.segment import CleanArticle
from tests.conftest import real_news_articles


def _plain_clean(text: str) -> CleanArticle:
    """clean_article with no shortcut: each line tried against every rule and expression."""
    out = CleanArticle()
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        long_unhinted = len(body) > segment._SHORT_LINE and not any(h in body.lower() for h in segment._HINTS)
        rule = None if long_unhinted else next((n for n, rx in segment._LINE_RX.items() if rx.search(body)), None)
        if rule:
            out.dropped[rule] = out.dropped.get(rule, 0) + 1
            continue
        for match in reversed(list(segment._INLINE_RX.finditer(body))):
            body = segment._blank(body, match.start(), match.end())
            out.dropped["inline"] = out.dropped.get("inline", 0) + 1
        for match in list(segment._SYMBOL_RUN_RX.finditer(body)):
            body = segment._blank(body, match.start(), match.end())
            out.dropped["symbols"] = out.dropped.get("symbols", 0) + 1
        if out.dateline is None and not out.paragraphs:
            body = segment._take_dateline(out, body, line_start)
        if body.strip():
            out.paragraphs.extend(segment._pieces(line_start, body))
    if out.dateline is None:
        for index, para in enumerate(out.paragraphs[:3]):
            body = segment._take_dateline(out, para.text, para.start)
            if out.dateline is not None:
                out.paragraphs[index] = segment.Paragraph(para.start, body)
                break
    return out


def _same(text: str) -> None:
    assert segment.clean_article(text) == _plain_clean(text), repr(text[:200])


# Rule words, fragment words and symbol runs, with the letters re.I also matches in other letters
# (`ı`, `İ`, `ſ`, the Kelvin sign) and Σ, whose lower case depends on its neighbours.
_PIECES = ["subscribe now", "ſubscribe now", "please log in", "Please sign İn", "create an account", "forgot your paſſword", "cooKie policy", "Share", "tweet",
           "©", "Copyright 2020", "All Rights Reſerved", "Loading...", "loading…", "photo", "(Photo: AP)", "ımage",
           "(vİdeo)", "picture", "file photo", "Photo by Reuters", "image credit: AP", "courtesy", "by", "...",
           "=" * 60, "_" * 55, "(" * 52, "-=" * 30, "=" * 49, "=" * 24 + "\t" + "=" * 30, "ΣΑΣ", "ΟΔΟΣ.",
           "BAGHDAD (Reuters) -", "Iraqi troops attacked", "the", "Mosul", "é", "—", "\u00a0", "x" * 26]
_BREAKS = ["\n", "\n", "\r\n", "\n\n", "\x0b", "\x1c", "\u2028", "\x85"]


def _random_articles(count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        lines = []
        for _ in range(rng.randint(1, 6)):
            parts = [rng.choice(_PIECES) for _ in range(rng.choice([1, 2, 3, 8, 40]))]
            lines.append(rng.choice(["", " "]) + rng.choice([" ", "", ": ", "  "]).join(parts))
        yield "".join(line + rng.choice(_BREAKS) for line in lines)


def test_clean_article_is_the_plain_loop_on_built_articles():
    kinds = set()
    for text in _random_articles(4000, seed=3):
        _same(text)
        kinds.update(segment.clean_article(text).dropped)
    assert kinds == {"inline", "symbols", *segment._LINE_RULES}  # every rule and expression fired


@pytest.mark.parametrize("text", [
    "", "\n", "=" * 50, "=" * 49, " " + "=" * 50 + " ", "a" * 24 + "=" * 50, "ab " + "=" * 25 + "\t" + "=" * 25,
    "x" * 25 + "=" * 50 + "\n", "Photo by Reuters\nBAGHDAD (Reuters) - Troops attacked.", "ΣΑΣ\nsubscribe now",
    "text (Photo: AP) more\nLoading...", "loaded (image) later"])
def test_clean_article_is_the_plain_loop_on_edge_cases(text):
    _same(text)


def test_clean_article_is_the_plain_loop_on_real_news():
    for record in real_news_articles(400):
        _same(record["text"])


def test_a_run_of_symbols_always_covers_a_block_without_a_space():
    rng = random.Random(5)
    for _ in range(3000):
        run = "=" * rng.randint(segment._SYMBOL_RUN, segment._SYMBOL_RUN + 30)
        text = "a b " * rng.randint(0, 30) + "x" * rng.randint(0, 30) + run + " tail" * rng.randint(0, 3)
        assert segment._may_hold_run(text), text
    assert not segment._may_hold_run("word " * 200)
