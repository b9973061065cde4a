"""How much of a corpus the verb and noun patterns reach, and what they miss.

For every sentence: did a pattern fire (a null pattern `"00"` fires but codes nothing), which roots;
for sentences where nothing codes although two actors are there, the verbs and nouns that head
their clauses (from the parse in dependency mode, from word forms in shallow mode): the gaps to fill.
Patterns that never won a match in the corpus are listed too.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from lemminflect import getAllLemmas

from coder.io.read import Article, Skipped, read_articles
from coder.ontology.model import NULL_CODE, PatternSpec

# Clause heads in Universal Dependencies: the verbs that can carry an event of their own.
_CLAUSE_DEPS = {"ROOT", "root", "ccomp", "xcomp", "advcl", "conj", "parataxis", "acl", "acl:relcl", "relcl", "csubj"}
# Dependents of a clause head whose noun can name the event (`held talks`, `launched an offensive`).
_ARGUMENT_DEPS = {"obj", "dobj", "nsubj", "nsubj:pass", "nsubjpass", "obl", "pobj", "attr", "appos"}
_LIGHT = {"be", "have", "do", "say", "tell", "add", "will", "would", "can", "could", "may", "might", "must",
          "should", "shall", "also", "not", "according", "report", "state"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those"}


@dataclass
class Head:
    count: int = 0
    example: str = ""


@dataclass
class Coverage:
    documents: int = 0
    sentences: int = 0
    fired: int = 0  # sentences where a coding (non-null) pattern fired
    null_only: int = 0  # sentences where only null patterns fired
    two_actors_unfired: int = 0  # sentences with enough actors (two by default) and no coding pattern
    by_root: Counter = field(default_factory=Counter)  # root -> sentences where it fired
    verbs: dict[str, Head] = field(default_factory=dict)
    nouns: dict[str, Head] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)  # pattern id -> times it won a match
    codes_by_document: dict[str, set[str]] = field(default_factory=dict)
    patterns: list[PatternSpec] = field(default_factory=list)

    @property
    def fired_share(self) -> float:
        return self.fired / self.sentences if self.sentences else 0.0

    def unfired(self) -> list[PatternSpec]:
        return [p for p in self.patterns if p.pid not in self.hits]

    def top(self, table: dict[str, Head], n: int) -> list[tuple[str, Head]]:
        return sorted(table.items(), key=lambda kv: (-kv[1].count, kv[0]))[:n]

    def as_dict(self, n: int = 30) -> dict:
        unfired = self.unfired()
        return {
            "documents": self.documents, "sentences": self.sentences, "fired": self.fired,
            "fired_share": round(self.fired_share, 4), "null_only": self.null_only,
            "two_actors_unfired": self.two_actors_unfired,
            "by_root": dict(sorted(self.by_root.items())),
            "uncovered_verbs": [{"lemma": k, "count": h.count, "example": h.example} for k, h in self.top(self.verbs, n)],
            "uncovered_nouns": [{"lemma": k, "count": h.count, "example": h.example} for k, h in self.top(self.nouns, n)],
            "patterns": len(self.patterns), "patterns_fired": len(self.hits), "patterns_never_fired": len(unfired),
            "never_fired_by_root": dict(sorted(Counter(p.code[:2] for p in unfired).items())),
        }


def read_conllu(path: Path, *, id_contains: str | None = None) -> Iterator[Article]:
    """Sentences of a CoNLL-U file (its `# text =` lines) as one-sentence articles; only the plain
    text is used, never the treebank's own analysis."""
    sent_id, number = None, 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# sent_id ="):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("# text ="):
                number += 1
                doc_id = sent_id or f"{path.stem}-{number}"
                if id_contains is None or id_contains in doc_id:
                    yield Article(doc_id, line.split("=", 1)[1].strip())
                sent_id = None


def read_corpus(path: str | Path, *, id_contains: str | None = None) -> Iterator[Article | Skipped]:
    """A corpus as `code` reads it, or CoNLL-U treebank files (one file or a folder of them)."""
    path = Path(path)
    conllu = sorted(path.rglob("*.conllu")) if path.is_dir() else [path] if path.suffix == ".conllu" else []
    if conllu:
        for file in conllu:
            yield from read_conllu(file, id_contains=id_contains)
        return
    for article in read_articles(path):
        if id_contains is None or isinstance(article, Skipped) or id_contains in article.id:
            yield article


def measure(coder, articles: Iterable[Article | Skipped], *, min_actors: int = 2) -> Coverage:
    out = Coverage(patterns=list(coder.ontology.patterns))
    parsed = coder.analysis == "dependency"
    for article in articles:
        if isinstance(article, Skipped):
            continue
        out.documents += 1
        codes = out.codes_by_document.setdefault(article.id, set())
        for trace in coder.code_article(article, trace=True).traces or []:
            if trace.discarded:
                continue
            out.sentences += 1
            fired = [m.pattern.spec for m, *_ in trace.candidates]
            coding = {spec.code for spec in fired if spec.code != NULL_CODE}
            out.hits.update(spec.pid for spec in fired)
            codes.update(coding)
            if coding:
                out.fired += 1
                out.by_root.update({code[:2] for code in coding})
                continue
            if fired:
                out.null_only += 1
            if len(trace.mentions) < min_actors:
                continue
            out.two_actors_unfired += 1
            verbs, nouns = (_parsed_heads if parsed else _shallow_heads)(trace)
            for table, lemmas in ((out.verbs, verbs), (out.nouns, nouns)):
                for lemma in dict.fromkeys(lemmas):
                    head = table.setdefault(lemma, Head())
                    head.count += 1
                    head.example = head.example or trace.text
    return out


def _mention_tokens(trace) -> set[int]:
    return {i for m in trace.mentions for i in range(m.start, m.end)}


def _parsed_heads(trace) -> tuple[list[str], list[str]]:
    """Verbs heading a clause that holds two actors, and the nouns that are their arguments or
    themselves hold two actors (`talks between X and Y`)."""
    inside = _mention_tokens(trace)
    starts = [m.start for m in trace.mentions]
    need = min(2, len(starts))  # with --min-actors 1, a clause holding the one actor counts
    verbs, nouns = [], []

    def actors_under(token) -> int:
        left, right = token.left_edge.i, token.right_edge.i
        return sum(left <= s <= right for s in starts) + (2 - need)

    for token in trace.span:
        if token.i in inside:
            continue
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and token.dep_ in _CLAUSE_DEPS and lemma not in _LIGHT:
            # the subject may sit outside a subordinate clause's subtree: count the governor's too
            if actors_under(token) >= 2 or (token.dep_ == "xcomp" and actors_under(token.head) >= 2):
                verbs.append(lemma)
                nouns.extend(c.lemma_.lower() for c in token.children
                             if c.pos_ == "NOUN" and c.dep_ in _ARGUMENT_DEPS and c.i not in inside)
        elif token.pos_ == "NOUN" and actors_under(token) >= 2:
            nouns.append(lemma)
    return verbs, nouns


def _shallow_heads(trace) -> tuple[list[str], list[str]]:
    """Without a parse: inflected verb forms after the first actor, and the noun after a determiner
    that follows such a verb (`held talks`, `launched an offensive`)."""
    inside = _mention_tokens(trace)
    first = min((m.start for m in trace.mentions), default=trace.span.start)
    verbs, nouns = [], []
    previous_verb = False
    for token in trace.span:
        if token.i < first or token.i in inside or not token.is_alpha or not token.is_lower:
            previous_verb = previous_verb and token.lower_ in _DETERMINERS
            continue
        word = token.lower_
        lemmas = getAllLemmas(word)
        verb = lemmas.get("VERB", ())
        if verb and word != verb[0] and not token.is_stop and verb[0] not in _LIGHT \
                and not (word.endswith("s") and "NOUN" in lemmas and not previous_verb and word[:-1] in lemmas["NOUN"]):
            verbs.append(verb[0])
            previous_verb = True
            continue
        if previous_verb and "NOUN" in lemmas and not token.is_stop:
            nouns.append(lemmas["NOUN"][0])
        previous_verb = previous_verb and word in _DETERMINERS
    return verbs, nouns


def class_shares(coverage: Coverage, gold_class: dict[str, str], root_class: dict[str, str]) -> dict:
    """For a corpus with one gold class per document (ConfliBERT's penta classes): the share of
    documents where no pattern codes, and the share where patterns code only roots of another class."""
    none = wrong = total = 0
    for doc_id, wanted in gold_class.items():
        if doc_id not in coverage.codes_by_document:
            continue
        total += 1
        classes = {root_class.get(code[:2]) for code in coverage.codes_by_document[doc_id]}
        if not classes:
            none += 1
        elif wanted not in classes:
            wrong += 1
    return {"documents": total, "no_pattern": round(none / total, 4) if total else 0.0,
            "wrong_class_only": round(wrong / total, 4) if total else 0.0}
