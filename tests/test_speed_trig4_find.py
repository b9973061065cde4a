"""The cheaper trigger search finds what the plain search found: a root's needed words checked before
a multi-word anchor's words, a one-word anchor's words as (i,), and gaps and actor slots counted in
while loops, pinned against the plain code (below, as it was) on every sentence of the real-news
bench texts (the gold files' texts first) and on edge cases (no timing)."""
from __future__ import annotations

from bisect import bisect_left

from coder.coding import triggers as T
from coder.coding.coder import _actor_index
from tests.conftest import real_news_sentences

EDGE_CASES = [
    "Western-trained rebels attacked the town on Monday.",
    "A three-month-old ceasefire was violated by Hamas in Gaza.",
    "The prisoners were later released by the Syrian army.",
    "Iraqi troops were attacked by ISIS fighters near Mosul.",
    "Russia and China held talks with Iran in Geneva.",
    "The talks with the Taliban collapsed after the attack.",
    "Israel and Hamas agreed to a UN-brokered ceasefire.",
    "Government forces shelled rebel-held areas of Aleppo and Homs.",
    "Police arrested the purported Daesh leader in Paris.",
    "The United States imposed sanctions on Russia over Ukraine.",
    "Egypt condemned the attack on the Coptic church.",
    "Pakistan accused India and Afghanistan of supporting militants.",
    "The army - backed by militias - attacked the town.",
]


def _plain_find(finder, doc, start, end, actor_at, mention_end, select=True):
    """TriggerFinder.find as it was before the cheaper search: each root's anchor words then its
    needed words, ranges for anchors, gaps and slots."""
    words, tagged, anchored = finder._paragraph(doc)
    lowers, punct = words.lower, words.punct
    first, last = bisect_left(anchored, start), bisect_left(anchored, end)
    if first == last:
        return []
    present = set(lowers[start:end])
    text = (lowers, punct, end, actor_at, mention_end, "-" in present)
    found = []
    for i in anchored[first:last]:
        if actor_at[i] is not None:
            continue
        single, by_next = finder.index[lowers[i]]
        hits = {}
        for rest, node, needs in by_next.get(lowers[i + 1], single) if by_next and i + 1 < end else single:
            j = i + 1 + len(rest)
            if (not rest or (j <= end and tuple(lowers[i + 1:j]) == rest)) and \
                    (needs is None or not needs.isdisjoint(present)):
                starts = node[4]
                if starts is None or (j < end and lowers[j] in starts):
                    _plain_walk(node, j, tuple(range(i, j)), None, None, text, i, hits)
        for m in hits.values():
            spec = m.pattern.spec
            if spec.form == "passive":
                if not T._after_be(lowers, m.anchor, start):
                    continue
                m = T.TriggerMatch(m.pattern, m.anchor, m.end, (m.anchor,), m.target, m.source)
            if doc.has_annotation("POS"):
                if T._pos_fits(doc[m.anchor].pos_, spec.trigger):
                    found.append(m)
            elif not (spec.trigger == "verb" and m.anchor > start and lowers[m.anchor - 1] in T.DETERMINERS):
                found.append(m)
    if not select or len(found) < 2:
        return found
    found.sort(key=lambda m: (len(m.words), -m.anchor, m.pattern.rank), reverse=True)
    kept, used = [], set()
    for match in found:
        if not used.intersection(match.words):
            kept.append(match)
            used.update(match.words)
    return sorted(kept, key=lambda m: m.anchor)


def _plain_walk(node, i, words, target, source, text, anchor, hits):
    patterns, literal, (by_word, anywhere), children, _ = node
    for pattern in patterns:
        if id(pattern) not in hits:
            hits[id(pattern)] = T.TriggerMatch(pattern, anchor, i, words, target, source)
    lowers, punct, end, actor_at, mention_end, hyphens = text
    moves = anywhere
    if i < end:
        word = lowers[i]
        if word in literal:
            _plain_walk(literal[word], i + 1, words + (i,), target, source, text, anchor, hits)
        moves = by_word.get(word, anywhere)
    for k, kind, rests in moves:
        child = children[k]
        if kind == T._STEP_WORD:
            _plain_walk(child, i + 1, words + (i,), target, source, text, anchor, hits)
        elif kind == T._STEP_HEAD:
            _plain_walk(child, i + 1, words + (i,), target, source, text, i, hits)
        elif kind == T._STEP_GAP:
            starts = child[4]
            for j in range(i, min(i + T.GAP_MAX, end) + 1) if not hyphens and i < end else T._gap_ends(lowers, i, end):
                if starts is None or (j < end and lowers[j] in starts):
                    _plain_walk(child, j, words, target, source, text, anchor, hits)
        elif kind == T._STEP_ALT:
            for rest in rests:
                j = i + 1 + len(rest)
                if not rest or (j <= end and tuple(lowers[i + 1:j]) == rest):
                    _plain_walk(child, j, words + tuple(range(i, j)), target, source, text, anchor, hits)
        else:
            for j in range(i, min(i + T.SLOT_FILLER_MAX + 1, end)):
                if actor_at[j] is not None:
                    single = mention_end[actor_at[j]]
                    for after in dict.fromkeys((T._group_end(single, text), single)):
                        if kind == T._STEP_TARGET:
                            _plain_walk(child, after, words, j, source, text, anchor, hits)
                        else:
                            _plain_walk(child, after, words, target, j, text, anchor, hits)
                    break
                if (punct[j] and lowers[j] not in T._QUOTES) or lowers[j] in T.SLOT_STOP:
                    break


def _compare(coder, texts) -> int:
    """How many matches the sentences of `texts` gave; asserts each sentence's are the plain ones."""
    finder, total = coder.triggers, 0
    for doc in coder.nlp.pipe(texts):
        actor_at, ends = _actor_index(doc, coder.actors.find(doc, None, set()))
        for span in doc.sents:
            for select in (True, False):
                fast = finder.find(doc, span.start, span.end, actor_at, ends, select=select)
                plain = _plain_find(finder, doc, span.start, span.end, actor_at, ends, select=select)
                assert fast == plain, (span.text, select)
                assert all(type(m) is T.TriggerMatch for m in fast)
                total += len(fast)
    return total


def test_real_news_sentences_match_as_before(default_coder):
    sentences = real_news_sentences(10**6)  # all of them
    assert sentences, "the real-news corpus (../shared) is missing"
    assert _compare(default_coder, sentences) > 500


def test_real_news_paragraphs_match_as_before(default_coder):
    """Several sentences to a Doc: matches bounded by each sentence's end, anchors read per paragraph."""
    sentences = real_news_sentences(1200)
    assert sentences, "the real-news corpus (../shared) is missing"
    paragraphs = [" ".join(sentences[k:k + 4]) for k in range(0, len(sentences), 4)]
    assert _compare(default_coder, paragraphs) > 100


def test_edge_cases_match_as_before(default_coder, mini_coder):
    """Hyphenated words, multi-word anchors, derived passives, actor slots with fillers and groups."""
    assert _compare(default_coder, EDGE_CASES) > 5
    assert _compare(default_coder, [" ".join(EDGE_CASES)]) > 5
    _compare(mini_coder, EDGE_CASES + ["Gondor attacked Mordor.", "Mordor was attacked by Gondor."])


def test_a_passive_match_covers_its_participle_only(default_coder):
    doc = default_coder.nlp("The prisoners were later released by the Syrian army.")
    actor_at, ends = _actor_index(doc, default_coder.actors.find(doc, None, set()))
    found = default_coder.triggers.find(doc, 0, len(doc), actor_at, ends)
    passive = [m for m in found if m.pattern.spec.form == "passive"]
    assert passive and all(m.words == (m.anchor,) for m in passive)
