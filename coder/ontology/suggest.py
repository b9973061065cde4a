"""Find what the ontology is missing in a corpus: actor-like names and verbs that matched nothing.

PETRARCH wrote unmatched actors to a null-actors file; here they are counted, shown with an
example sentence, and written as YAML stubs that a user reviews, codes and drops into a layer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from lemminflect import getAllLemmas

from coder.io.read import Article, Skipped

# Capitalised runs that are not names of actors.
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "the", "a", "an", "in", "on", "at", "but", "and", "it", "he", "she", "they", "we", "i", "this", "that",
    "mr", "mrs", "ms", "dr", "reuters", "afp", "ap",
}
_JOINERS = {"of", "al", "el", "bin", "de", "du", "la", "le", "van", "von", "the", "for"}
_SKIP_VERBS = {"be", "have", "do", "say", "tell", "add", "will", "would", "can", "could", "may", "might", "must",
               "should", "go", "get", "make", "take", "come", "see", "know", "think", "want", "use"}


@dataclass
class Found:
    count: int = 0
    example: str = ""


@dataclass
class Suggestions:
    actors: dict[str, Found] = field(default_factory=dict)
    verbs: dict[str, Found] = field(default_factory=dict)
    sentences: int = 0
    documents: int = 0

    def note(self, table: dict[str, Found], key: str, sentence: str) -> None:
        found = table.setdefault(key, Found())
        found.count += 1
        found.example = found.example or sentence

    def top(self, table: dict[str, Found], n: int) -> list[tuple[str, Found]]:
        return sorted(table.items(), key=lambda kv: (-kv[1].count, kv[0]))[:n]


def _names(doc, span, covered: set[int]) -> Iterable[str]:
    """Runs of capitalised words (with joiners such as `of`, `al`) outside known actors."""
    run: list = []
    for tok in list(span) + [None]:
        capital = tok is not None and tok.i not in covered and tok.text[:1].isupper() and tok.is_alpha
        joiner = tok is not None and run and tok.lower_ in _JOINERS and tok.i not in covered
        if capital or joiner:
            run.append(tok)
            continue
        while run and run[-1].lower_ in _JOINERS:
            run.pop()
        first_word = next((t.i for t in span if not t.is_space), span.start)
        if run and not (len(run) == 1 and (run[0].i == first_word or run[0].is_stop or run[0].lower_ in _NOT_NAMES)):
            words = [t.text for t in run if t.lower_ not in _NOT_NAMES or t is not run[0]]
            if words and len(words) <= 6:
                yield " ".join(words)
        run = []


def _verbs(doc, left: int, right: int, parsed: bool) -> Iterable[str]:
    """Verb lemmas between two actors, from the tagger when there is one, else from word forms."""
    for tok in doc[left:right]:
        if parsed:
            if tok.pos_ == "VERB" and tok.lemma_.lower() not in _SKIP_VERBS:
                yield tok.lemma_.lower()
        elif tok.is_alpha and tok.is_lower and not tok.is_stop and len(tok) > 3:
            lemmas = getAllLemmas(tok.lower_, upos="VERB").get("VERB")
            if lemmas and lemmas[0] not in _SKIP_VERBS and re.search(r"(ed|es|s|ing)$", tok.lower_):
                yield lemmas[0]


def _is_place(name: str) -> bool:
    """Known places (`Mosul`, `Raqqa`) are locations, not missing actors."""
    from coder.places import Gazetteer

    return bool(Gazetteer.default().lookup(name))


def suggest(coder, articles: Iterable[Article | Skipped]) -> Suggestions:
    out = Suggestions()
    parsed = coder.analysis == "dependency"
    for article in articles:
        if isinstance(article, Skipped):
            continue
        out.documents += 1
        result = coder.code_article(article, trace=True)
        for trace in result.traces or []:
            if trace.discarded:
                continue
            out.sentences += 1
            doc = trace.doc
            covered = {i for m in trace.mentions for i in range(m.start, m.end)}
            for name in _names(doc, trace.span, covered):
                if name not in out.actors and _is_place(name):
                    continue
                out.note(out.actors, name, trace.text)
            if not trace.candidates and len(trace.mentions) >= 2:
                first, second = trace.mentions[0], trace.mentions[1]
                for lemma in dict.fromkeys(_verbs(doc, first.end, second.start, parsed)):
                    out.note(out.verbs, lemma, trace.text)
    return out


def stub_files(found: Suggestions, n: int) -> dict[str, str]:
    """YAML stubs for review, by file name: each entry needs a real code before it is used."""
    head = ["# Suggested by `eventcoder ontology suggest`: review each entry, give it a real code, then keep",
            "# this file in a folder you pass with --ontology. `---` and \"000\" are placeholders that",
            "# `eventcoder ontology check` reports until you replace them."]
    actors = head + ["kind: organisations", "entries:"]
    for name, hit in found.top(found.actors, n):
        actors.append(f"  - {{code: \"---\", name: {_quote(name)}, type: other, phrases: [{_quote(name)}]}}"
                      f"  # {hit.count}x: {_comment(hit.example)}")
    verbs = head + ["kind: verbs", "entries:"]
    for lemma, hit in found.top(found.verbs, n):
        verbs.append(f"  - {{code: \"000\", verbs: [{_quote(lemma + ' +')}]}}  # {hit.count}x: {_comment(hit.example)}")
    return {"suggested_actors.yaml": "\n".join(actors) + "\n", "suggested_verbs.yaml": "\n".join(verbs) + "\n"}


def _comment(text: str) -> str:
    return " ".join(text.split())[:100]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
