"""Speed paths of issue 15 (acts3), pinned against the plain code they replace: ContextCountry.apply
reads each mention's `generic` once and copies only a side it fills (the plain version below asked
every side with generators, then rebuilt both sides). Also the paragraph word table's columns, on
real news and edge cases, as the tokens give them."""
from __future__ import annotations

import pytest

from coder.coding import fill
from coder.coding.actors import Mention
from coder.coding.roles import Roles
from coder.coding.triggers import Words
from coder.io.read import to_article
from tests.conftest import real_news_articles, real_news_sentences


class PlainContextCountry(fill.ContextCountry):
    """`apply` as it was before the fast path (its helpers are the class's own)."""

    def apply(self, sent, match, roles):
        if not any(m.generic for m in roles.sources) and not any(m.generic for m in roles.targets):
            return roles
        clause, looked = None, False
        sides, filled_any = {}, False
        for side in ("sources", "targets"):
            filled = []
            for mention in getattr(roles, side):
                if mention.generic:
                    found = self._own_phrase(sent, mention)
                    if found is None:
                        if not looked:
                            clause, looked = self._clause_place(sent, match), True
                        found = clause
                    if found:
                        country, why = found
                        codes = tuple(country + code[3:] for code in mention.codes)
                        mention = Mention(mention.start, mention.end, codes, (country,) * len(codes), mention.text,
                                          f"{mention.reason}; country {country} from {why}", mention.where,
                                          mention.person, mention.place, "context", mention.name)
                        filled_any = True
                filled.append(mention)
            sides[side] = filled
        if not filled_any:
            return roles
        for side, other in (("sources", "targets"), ("targets", "sources")):
            theirs = {code for m in sides[other] for code in m.codes}
            sides[side] = [before if after.kind == "context" and before.kind != "context" and set(after.codes) & theirs
                           else after for before, after in zip(getattr(roles, side), sides[side], strict=True)]
        return Roles(sides["sources"], sides["targets"], roles.passive, roles.how)


def _seen(roles: Roles) -> tuple:
    return (roles.passive, roles.how, [list(vars(m).items()) for m in roles.sources],
            [list(vars(m).items()) for m in roles.targets])


@pytest.fixture(scope="module")
def applied(default_coder):
    """Every (sentence, match, roles) ContextCountry.apply was given while coding real news."""
    calls: list = []
    real = fill.ContextCountry.apply

    def spy(self, sent, match, roles):
        calls.append((sent, match, roles))
        return real(self, sent, match, roles)

    articles = [to_article(r, r["id"]) for r in real_news_articles(150)]
    fill.ContextCountry.apply = spy
    try:
        list(default_coder.code_articles(articles))
    finally:
        fill.ContextCountry.apply = real
    return calls


def test_context_country_fills_as_the_plain_code_on_real_news(default_coder, applied):
    fast, plain = fill.ContextCountry(default_coder.place_actors), PlainContextCountry(default_coder.place_actors)
    filled = 0
    for sent, match, roles in applied:
        got, want = fast.apply(sent, match, roles), plain.apply(sent, match, roles)
        assert _seen(got) == _seen(want), sent.doc.text
        assert (got is roles) == (want is roles)  # unchanged roles are given back as they came
        filled += got is not roles
    assert filled > 20 and len(applied) - filled > 100


def _mention(start: int, codes: tuple[str, ...], kind: str = "actor") -> Mention:
    return Mention(start, start + 1, codes, (None,) * len(codes), "x", "made up", "test", kind=kind)


def test_a_context_country_shared_by_the_other_side_is_put_back(default_coder, applied):
    """Made-up sides over real sentences: both sides generic, one, or the other side already that
    country; a mention already of kind context; several codes."""
    fast, plain = fill.ContextCountry(default_coder.place_actors), PlainContextCountry(default_coder.place_actors)
    filled = 0
    for sent, match, roles in applied[:300]:
        for start in (sent.start, max(sent.start, match.anchor - 2)):
            for sides in (([_mention(start, ("---MIL",))], [_mention(start + 1, ("---GOV", "---REB"))]),
                          ([_mention(start, ("---MIL",))], [_mention(start + 1, ("IRQ",)), _mention(start, ("SYR",))]),
                          ([], [_mention(start, ("---COP",), kind="context")]),
                          ([_mention(start, ("USA",))], [_mention(start, ("---MIL",))])):
                for made in (Roles(sides[0], sides[1], False, "made"), Roles(sides[1], sides[0], True, "made")):
                    got, want = fast.apply(sent, match, made), plain.apply(sent, match, made)
                    assert _seen(got) == _seen(want), sent.doc.text
                    filled += got is not made
    assert filled > 20


def test_words_read_both_columns_as_the_tokens_give_them(mini_coder):
    texts = ["", "   ", "Hi", "...", "U.S.-backed “fighters” — 3,000 — hit Mosul; ISIS said: no!"]
    sentences = real_news_sentences(400)
    texts += [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    for doc in mini_coder.nlp.pipe(texts):
        words = Words(doc)
        assert words.ids == [token.lower for token in doc], doc.text
        assert words.punct == [int(token.is_punct) for token in doc], doc.text
        assert all(type(flag) is int for flag in words.punct) and words.lower == [token.lower_ for token in doc]
