"""Cue phrases matched on words (`WordPhrase`) find exactly what their regular expressions
(`cue_regex`) find on the normalised sentence, and the phrases words cannot read keep the expression."""
from __future__ import annotations

import itertools
import re

import pytest

from coder.coding.acled import CueIndex, CueList, CueMatches, WordPhrase, acled_files, cue_regex, cue_slots, load_rules, normalise

ODD_PHRASES = [
    "air strike*", "sit-in|rally", "sit-in|sit-ins|vigil*", "blew himself|herself up", "pull* out", "pull* back*",
    "seized ... weapons|guns", "a ... ... b*", "x ... y ... z", "military-post*", "open* ... military-post*",
    "during|at ... protest*|sit-in", "x-y*", "a|b|c d|e|f g|h|i j|k", "the the the", "shell* shell*",
    "a b|bb|bbb c", "a*|ab b", "cease fire*", "Tear Gas", "é* café",
]
# only an expression reads these: an empty word, a character that is not a word character, an end gap
EXPRESSION_ONLY = ["... protest*", "protest* ...", "u.s. troops", "o'neil* said", "a||b c", "* x", "x *", "sit-* ins",
                   "a--b c", "ab*-c"]

FILLERS = ["a", "b", "x", "the", "sit", "in", "ins", "pull", "pulled", "out", "back", "u", "s"]


def _sentences(phrase: str) -> list[str]:
    """Sentences made from a phrase: every choice of alternatives (`*` as nothing and as `ed`), gaps
    of 0 to 5 words, the words cut short or run on, and the phrase's words shuffled."""
    slots = [w for w in phrase.lower().split()]
    texts = set()
    for gap in range(6):
        for end in ("", "ed"):
            choices = [[("the big and small very old"[: 4 * gap].split() if w == "..." else [a.rstrip("*") + (end if a.endswith("*") else "")])
                        for a in (["..."] if w == "..." else w.split("|"))] for w in slots]
            for words in itertools.islice(itertools.product(*choices), 40):
                flat = " ".join(" ".join(part) for part in words)
                texts.update({flat, f"Then {flat}, they said.", f"{flat}s", f"x{flat}", flat[:-1] if flat else flat,
                              flat.replace(" ", "-"), flat.upper()})
    words = normalise(phrase).split()
    for perm in itertools.islice(itertools.permutations(words), 6):
        texts.add(" ".join(perm))
    texts.update(" ".join(c) for c in itertools.islice(itertools.product(FILLERS, repeat=3), 0, None, 7))
    return sorted(texts)


def _regex_finds(phrase: str, text: str) -> bool:
    return re.search(cue_regex(phrase), normalise(text)) is not None


def _words_find(phrase: str, text: str) -> bool:
    words = normalise(text).split()
    return WordPhrase(cue_slots(phrase)).found_in(words, f" {' '.join(words)} ")


@pytest.mark.parametrize("phrase", ODD_PHRASES)
def test_a_word_phrase_finds_what_its_expression_finds(phrase):
    assert cue_slots(phrase) is not None
    for text in _sentences(phrase):
        assert _words_find(phrase, text) is _regex_finds(phrase, text), (phrase, text)


def test_slots_of_a_phrase():
    assert cue_slots("air strike*") == ((0, ((("air",), False),)), (0, ((("strike",), True),)))
    assert cue_slots("sit-in|rally") == ((0, ((("sit", "in"), False), (("rally",), False))),)
    assert cue_slots("seized ... weapons|guns") == ((0, ((("seized",), False),)),
                                                   (4, ((("weapons",), False), (("guns",), False))))
    assert cue_slots("a ... ... b")[1][0] == 8  # two gaps: up to eight words


@pytest.mark.parametrize("phrase", EXPRESSION_ONLY)
def test_phrases_words_cannot_read_keep_their_expression(phrase):
    assert cue_slots(phrase) is None
    index = CueIndex({"odd": CueList([phrase]), "other": CueList(["shell*"])})
    for text in _sentences(phrase):
        assert CueMatches(index, text).has(index.bits["odd"]) is _regex_finds(phrase, text), (phrase, text)


def test_strings_only_for_phrases_without_gaps_or_inner_prefixes():
    assert WordPhrase(cue_slots("air strike*")).strings == (" air strike",)
    assert WordPhrase(cue_slots("blew himself|herself up")).strings == (" blew himself up ", " blew herself up ")
    assert WordPhrase(cue_slots("a b|bb c*|d")).strings == (" a b c", " a b d ", " a bb c", " a bb d ")
    assert WordPhrase(cue_slots("pull* out")).strings is None
    assert WordPhrase(cue_slots("seized ... weapons")).strings is None
    many = " ".join(["a|b|c"] * 4)  # 81 choices: matched word by word
    assert WordPhrase(cue_slots(many)).strings is None


def test_every_default_phrase_finds_what_its_expression_finds():
    rules = load_rules(acled_files(None))
    index = rules.index
    sentences = [text for regex in index.regexes.values() for text in _sentences_from_regex_phrase(index, regex)]
    for phrase_bit, regex in index.regexes.items():
        phrase = index.word_phrases[phrase_bit]
        compiled = re.compile(regex)
        for text in sentences:
            words = normalise(text).split()
            padded = f" {' '.join(words)} "
            expected = compiled.search(padded[1:-1]) is not None
            assert (phrase.found_in(words, padded) if phrase else expected) is expected, (regex, text)


def _sentences_from_regex_phrase(index: CueIndex, regex: str) -> list[str]:
    """A matching and a near-miss sentence for a phrase, rebuilt from its word slots."""
    phrase = next(p for b, p in index.word_phrases.items() if index.regexes[b] == regex)
    if phrase is None:
        return []
    words = []
    for gap, alts in phrase.slots:
        words += ["big"] * min(gap, 2)
        parts, prefix = alts[-1]
        words += list(parts[:-1]) + [parts[-1] + ("s" if prefix else "")]
    return [" ".join(words), " ".join(words[:-1] + [words[-1][:-1]]), " ".join(["x", *words[1:]])]
