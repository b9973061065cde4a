"""PETRARCH pattern lines (`- pre * post [code]`) -> our pattern words: `{NOUN PHRASE}` words stay
together, top-level elements and `(PREP object)` phrases are joined with `*` gaps."""
from __future__ import annotations

import re

from coder.ontology.petrarch.reading import _words
from coder.ontology.petrarch.report import ImportReport

_PATTERN_TOKEN = re.compile(r"[(){}]|[^\s(){}]+")


def _pattern_items(body: str):
    """Tokens of a pattern body -> nested items: ('word', text) | ('syn', NAME) | ('slot', +/$) |
    ('mark', * % ^) | ('np', [items]) | ('pp', [items])."""
    tokens = _PATTERN_TOKEN.findall(body)
    pos = 0

    def parse(closer: str | None):
        nonlocal pos
        items = []
        while pos < len(tokens):
            tok = tokens[pos]
            pos += 1
            if tok == closer:
                return items
            if tok in (")", "}"):
                continue  # stray closer: ignore
            if tok == "(":
                items.append(("pp", parse(")")))
            elif tok == "{":
                items.append(("np", parse("}")))
            elif tok in ("+", "$"):
                items.append(("slot", tok))
            elif tok in ("*", "%", "^"):
                items.append(("mark", tok))
            elif tok.startswith("&"):
                items.append(("syn", tok[1:]))
            else:
                items.append(("word", tok))
        return items

    return parse(None)


class _PatternError(Exception):
    pass


def _render(items, names: dict[str, str], flags: set[str], gap_between: bool = True) -> list[str]:
    """Items -> pattern words with `*` gaps between top-level elements and inside `(PREP ...)`."""
    out: list[str] = []

    def add_gap():
        if out and out[-1] != "*":
            out.append("*")

    for index, (kind, value) in enumerate(items):
        if kind == "mark":
            if value == "^":
                add_gap()
            elif value == "%":
                flags.add("%")
            else:
                raise _PatternError("second `*`")
            continue
        if index and gap_between and kind != "slot":
            add_gap()
        if kind == "word":
            for word in _words(value.strip("+")):
                if word.startswith("&"):
                    if word[1:] not in names:
                        raise _PatternError(f"unknown synonym set {word}")
                    out.append("&" + names[word[1:]])
                else:
                    out.append(word.lower())
        elif kind == "syn":
            if value not in names:
                raise _PatternError(f"unknown synonym set &{value}")
            out.append("&" + names[value])
        elif kind == "slot":
            out.append(value)
        elif kind == "np":
            out.extend(_render(value, names, flags, gap_between=False))
        elif kind == "pp":
            out.extend(_render(value, names, flags, gap_between=True))
    return out


def _tidy(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word == "*" and (not out or out[-1] == "*"):
            continue
        out.append(word)
    while out and out[-1] == "*":
        out.pop()
    return out


def _first_word_trigger(word: str) -> tuple[str, str]:
    """A pattern that starts on a pre-verb word: is it a verb (`said` -> `say`) or a noun anchor?"""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    if "VERB" in lemmas and "NOUN" not in lemmas:
        return lemmas["VERB"][0], "verbs"
    return word, "nouns"


def _pattern_words(body: str, where: str, report: ImportReport, names: dict[str, str],
                   single_verb: list[str] | None, set_name: str) -> tuple[str, list[str], list[str], bool] | None:
    """One `pre * post` pattern line, its [code] removed -> (trigger kind, pattern words, notes, whether
    it uses the block synset `set_name`), or None when it cannot be converted (reported). The pattern
    starts on the block's only verb (`single_verb`, its words), else on the block synset."""
    if "*" not in body:
        report.skip(where, "no verb position: pattern has no `*`")
        return None
    pre_text, _, post_text = body.partition("*")
    flags: set[str] = set()
    try:
        pre = _pattern_items(pre_text)
        post = _pattern_items(post_text)
        # Leading `$` (the subject is the source anyway), `%` and `^` before the verb go.
        while pre and pre[0] in (("slot", "$"), ("mark", "^"), ("mark", "%")):
            if pre[0] == ("mark", "%"):
                flags.add("%")
            pre = pre[1:]
        if pre and pre[0] == ("slot", "+"):
            report.skip(where, "target before the verb: `+ *` (target is the subject) has no "
                               "equivalent; our patterns start with the verb")
            return None
        pre_words = _tidy(_render(pre, names, flags))
        post_words = _render(post, names, flags)
    except _PatternError as err:
        reason = str(err)
        head = "unknown synonym set" if reason.startswith("unknown") else "unreadable pattern"
        report.skip(where, f"{head}: {reason}")
        return None
    if pre_words and pre_words[0] in ("+", "$"):
        report.skip(where, "actor slot before the verb: a pattern cannot start with `+` or `$`")
        return None
    notes = []
    uses_block_set = False
    if "%" in flags:
        notes.append("compound-actor marker % dropped (no reciprocal events)")
    if pre_words:
        uses_block_set = True
        first = pre_words[0]
        trigger = "nouns"
        if not first.startswith("&") and first not in ("*",):
            lemma, trigger = _first_word_trigger(first)
            pre_words[0] = lemma
            if lemma != first:
                notes.append(f"starts on '{first}' (lemma '{lemma}')")
        words = pre_words + ["*", "&" + set_name, "*"] + post_words
        notes.append("starts on the words before the verb")
    else:
        trigger = "verbs"
        if single_verb is not None:
            head = single_verb
        else:
            head = ["&" + set_name]
            uses_block_set = True
        words = head + ["*"] + post_words
    return trigger, words, notes, uses_block_set
