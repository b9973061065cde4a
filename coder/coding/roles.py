"""Decide who did what to whom for one trigger: source and target mentions, voice, modality.

Two strategies share this module's vocabulary:
- shallow (TABARI-style, no model): positions in the sentence, passive `was X-ed by`, commas
  that enclose an inserted phrase;
- dependency: subjects, objects, agents of passives and prepositional objects from the parse, in
  either label scheme (ClearNLP as in en_core_web_*, or Universal Dependencies). When the parse
  names no actor for a side, the positional rule fills it and says so.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from coder.coding.actors import LOCATIVE, Mention
from coder.coding.inflect import verbs_forms
from coder.coding.triggers import TriggerMatch, Words, paragraph_words

BE_FORMS = {"be", "is", "are", "was", "were", "been", "being", "'s", "'re", "get", "got", "gets", "getting"}
NEGATIONS = {"not", "n't", "never", "no"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "'d", "must"}
# X `to` VERB: the event is planned or only intended, not (yet) done.
FUTURE_INTENT = {"set", "expected", "scheduled", "going", "due", "about"} | verbs_forms("plan", "intend", "prepare")
_NOUN_INTENT = FUTURE_INTENT - {"set", "due", "about", "going"}  # `is planning a ground offensive`
# X `to` VERB where X says the act was refused or did not happen (implicit negation).
REFUSAL = verbs_forms("refuse", "decline")
FAILURE = verbs_forms("fail")
THREAT = verbs_forms("threaten")
INTENT = {"willing", "ready", "prepared"} | verbs_forms("plan", "intend", "offer", "promise", "pledge", "vow", "agree")
HYPOTHETICAL_INTENT = {"ready", "willing", "able", "unable"} | verbs_forms(
    "want", "seek", "hope", "consider", "offer", "vow", "promise", "pledge", "try", "attempt", "threaten", "refuse",
    "aim")
# Every word the rules below read a cue from: a window with none of them has no modality.
_CUE_WORDS = frozenset(NEGATIONS | FUTURE_AUX | HYPOTHETICAL_AUX | _NOUN_INTENT | {"to"})
SAID = {"said", "says", "say", "told", "announced", "added", "stated", "promised", "pledged", "vowed"}
ADVERB_SKIP = {"also", "already", "reportedly", "allegedly", "still", "just", "now", "then", "soon",
               "recently", "later", "again", "repeatedly", "further", "been", "being", "have", "has", "had"}
CLAUSE_BREAK = {";", ":", "—", "–"}
_SKIP_BEFORE_PARTICIPLE = ADVERB_SKIP | NEGATIONS
# The words between two mentions that join them (`Russia and Iran`), and those after a bare comma
# that show a list going on (`Russia, Iran and Turkey`).
_JOINS = frozenset({("and",), ("or",), (",", "and"), ("&",), ("as", "well", "as"), ("and", "the")})
_LIST_GOES_ON = frozenset({(",",), ("and",), ("or",), (",", "and")})
TARGET_DISTANCE = 12  # the positional target must start within this many tokens of the trigger

SUBJ = {"nsubj", "csubj"}
SUBJ_PASS = {"nsubjpass", "nsubj:pass", "csubjpass", "csubj:pass"}
OBJ = {"dobj", "obj", "dative", "iobj"}
AGENT = {"agent", "obl:agent"}
AUX_PASS = {"auxpass", "aux:pass"}
CLIMB = {"xcomp", "conj", "advcl", "acomp", "ccomp"}
RELCL = {"relcl", "acl:relcl"}
MODIFIER = {"poss", "nmod:poss", "compound", "amod", "nmod", "npadvmod"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
_NOT_INTO = {"relcl", "acl:relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos"}


@dataclass
class Roles:
    sources: list[Mention]
    targets: list[Mention]
    passive: bool
    how: str  # how source and target were found, for `explain`


@dataclass
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    cue: str = ""
    # Which rule of the codebook's modality table applies (coder/coding/modality.py): refused,
    # threatened, intended; `negated` above covers plain and implicit negation (`failed to`).
    refused: bool = False
    threatened: bool = False
    intended: bool = False


class Sentence:
    """Mentions of one sentence, with lookups both strategies need."""

    def __init__(self, doc: Doc, start: int, end: int, mentions: list[Mention], *, words: Words | None = None):
        self.doc, self.start, self.end = doc, start, end
        self.mentions = mentions
        self.words = words if words is not None else paragraph_words(doc)
        self.lower = self.words.lower  # indexed like the Doc
        self.at: dict[int, int] = {i: n for n, m in enumerate(mentions) for i in range(m.start, m.end)}
        # `;`, `:` and dashes, in order: they end a clause (the lower-case form of punctuation is itself)
        self.breaks = [] if CLAUSE_BREAK.isdisjoint(self.lower[start:end]) else [
            i for i in range(start, end) if self.lower[i] in CLAUSE_BREAK]
        self.group_of = self._coordination()
        self.groups: list[list[int]] = [[] for _ in mentions]  # the members of each group, in order
        for m, g in enumerate(self.group_of):
            self.groups[g].append(m)
        self.modifiers: set[int] = set()  # role nouns used as adjectives: `military` in `military offensive`
        self._locatives: list[int] | None = None

    @property
    def locatives(self) -> list[int]:
        """Indices of the sentence's locative words (`in`, `near`, ...), in order: read by every
        trigger whose side looks for its clause's place (found on first use; a plain property, as
        a cached_property takes a lock on its first read)."""
        if self._locatives is None:
            lower = self.lower
            self._locatives = [i for i in range(self.start, self.end) if lower[i] in LOCATIVE]
        return self._locatives

    def note_noun_triggers(self, anchors: list[int]) -> None:
        """A role noun right before a noun trigger modifies it; it is no actor for other triggers."""
        if not anchors:  # most sentences: no noun trigger
            self.modifiers = set()
            return
        before = {a - 1 for a in anchors}
        self.modifiers = {n for n, m in enumerate(self.mentions) if m.end - 1 in before and m.generic}

    def _coordination(self) -> list[int]:
        """Mentions joined by `and`/`or`/list commas act together: `Russia and Iran attacked X`.
        Returns the group (the index of its first mention) of each mention."""
        mentions = self.mentions
        group_of = list(range(len(mentions)))
        if len(mentions) < 2:
            return group_of
        lower = self.lower
        gaps: list[tuple[str, ...] | None] = [None]  # words between each mention and the one before (None: far)
        for before, mention in zip(mentions, mentions[1:]):
            gaps.append(None if mention.start - before.end > 3 else tuple(lower[before.end:mention.start]))
        for n in range(1, len(mentions)):
            gap = gaps[n]
            if gap in _JOINS or (
                    # a bare comma joins only inside a list that goes on (`Russia, Iran and Turkey`),
                    # not across clauses (`After X attacked the rebels, France condemned ...`)
                    gap == (",",) and (n + 1 < len(mentions) and gaps[n + 1] in _LIST_GOES_ON
                                       or gaps[n - 1] == (",",) and group_of[n - 1] == group_of[n - 2])):
                group_of[n] = group_of[n - 1]
        return group_of

    def group(self, index: int) -> list[Mention]:
        return [self.mentions[m] for m in self.groups[self.group_of[index]]]

    def mention_at(self, token_index: int) -> int | None:
        return self.at.get(token_index)

    def clause_break_before(self, index: int) -> int | None:
        """The last clause break before token `index`, if any in the sentence."""
        at = bisect_left(self.breaks, index)
        return self.breaks[at - 1] if at else None

    def clause_break_from(self, index: int) -> int | None:
        """The first clause break at or after token `index`, if any in the sentence."""
        at = bisect_left(self.breaks, index)
        return self.breaks[at] if at < len(self.breaks) else None

    def has_break(self, start: int, end: int) -> bool:
        """Whether a clause break lies in tokens [start, end) of the sentence."""
        found = self.clause_break_from(start)
        return found is not None and found < end


# ---------------------------------------------------------------- shallow (positional) roles

def is_passive_shallow(sent: Sentence, match: TriggerMatch) -> bool:
    lower = sent.lower
    if lower[match.anchor] not in match.pattern.participles:
        return False
    by_follows = "by" in lower[match.anchor + 1:min(sent.end, match.end + 4)]
    for i in range(match.anchor - 1, max(sent.start, match.anchor - 5) - 1, -1):
        if lower[i] in BE_FORMS:
            # `were engaged in ethnic cleansing`, `is involved in talks`: a participle with its own
            # preposition and no `by` agent describes what the subject does.
            return by_follows or len(match.words) == 1
        if lower[i] not in _SKIP_BEFORE_PARTICIPLE:
            break
    # `the army, backed by volunteers, ...`: a participle followed by `by`.
    j = match.anchor + 1
    return j < sent.end and lower[j] == "by"


def _left_actor(sent: Sentence, before: int, *, modifiers: bool = False) -> int | None:
    """The nearest actor before token `before`, skipping one enclosed by commas (`X, backed by Y, did`),
    places (`in Syria`) and, unless asked for, role nouns that modify a noun trigger."""
    stop = sent.clause_break_before(before)
    stop = sent.start - 1 if stop is None else stop
    low = max(stop + 1, sent.start)
    skip = () if modifiers else sent.modifiers
    mentions = sent.mentions
    # the last two candidates: the nearest and the one before it, read from the end
    nearest = earlier = None
    for n in range(len(mentions) - 1, -1, -1):
        m = mentions[n]
        if m.end <= before and m.start >= low and not m.place and n not in skip:
            if nearest is None:
                nearest = n
            else:
                earlier = n
                break
    if nearest is None:
        return None
    m = mentions[nearest]
    lower = sent.lower
    if earlier is not None and "," in lower[m.end:before]:
        prev = mentions[earlier]
        if "," in lower[prev.end:m.start] and sent.group_of[nearest] != sent.group_of[earlier]:
            return earlier
    return nearest


def _right_actor(sent: Sentence, after: int) -> int | None:
    """The first actor after the pattern, within the clause: not past a comma, never a place."""
    lower = sent.lower
    for i in range(after, min(sent.end, after + TARGET_DISTANCE)):
        if lower[i] in CLAUSE_BREAK or lower[i] == ",":
            return None
        n = sent.at.get(i)
        if n is not None and not sent.mentions[n].place:
            return n
    return None


def _noun_source(sent: Sentence, match: TriggerMatch) -> int | None:
    """For `military offensive`, `rebel attack`: a role noun right before the noun is its source only
    when no more specific actor leads the clause (`The Iraqi army ... a military offensive`)."""
    nearest = _left_actor(sent, match.anchor, modifiers=True)
    if nearest is None or not sent.mentions[nearest].generic or sent.mentions[nearest].end < match.anchor - 1:
        return nearest
    earlier = _left_actor(sent, sent.mentions[nearest].start)
    if earlier is not None and not sent.mentions[earlier].generic:
        return earlier
    return nearest


def shallow_roles(sent: Sentence, match: TriggerMatch) -> Roles:
    passive = match.pattern.spec.trigger == "verb" and is_passive_shallow(sent, match)
    source = sent.mention_at(match.source) if match.source is not None else None
    target = sent.mention_at(match.target) if match.target is not None else None
    how = []
    if passive:
        if source is None:
            by = next((i for i in range(match.anchor + 1, min(sent.end, match.end + 4)) if sent.lower[i] == "by"), None)
            source = _right_actor(sent, by + 1) if by is not None else None
        if target is None:
            target = _left_actor(sent, match.anchor)
        how.append("passive: source after 'by', target before the verb")
    else:
        if source is None:
            source = _noun_source(sent, match) if match.pattern.spec.trigger == "noun" else _left_actor(sent, match.anchor)
            how.append("source: nearest actor before the trigger")
        if target is None:
            target = _right_actor(sent, match.end)
            how.append("target: first actor after the pattern")
    if match.target is not None:
        how.append("target: the pattern's + slot")
    return _roles(sent, source, target, passive, "; ".join(how))


def _roles(sent: Sentence, source: int | None, target: int | None, passive: bool, how: str) -> Roles:
    sources = sent.group(source) if source is not None else []
    targets = sent.group(target) if target is not None else []
    # groups do not share mentions: only a source and target of one group can overlap
    if source is not None and target is not None and sent.group_of[source] == sent.group_of[target] \
            and set(map(id, sources)) & set(map(id, targets)):
        targets = [t for t in targets if t not in sources]
    return Roles(sources, targets, passive, how)


# ---------------------------------------------------------------- dependency roles

def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _mentions_of(sent: Sentence, token: Token | None) -> int | None:
    """The mention a dependent stands for: the one containing it, else the nearest in its phrase.
    Places (`in Syria`) are not actors here."""
    if token is None:
        return None
    frontier = [token]
    while frontier:
        nxt = []
        for tok in frontier:
            n = sent.mention_at(tok.i)
            if n is not None:
                return None if sent.mentions[n].place else n
            nxt.extend(c for c in tok.children if c.dep_ not in _NOT_INTO)
        frontier = nxt
    return None


def _prep_objects(token: Token) -> list[Token]:
    """Objects of prepositions on `token`: ClearNLP prep -> pobj, or UD obl/nmod with a case marker."""
    out = []
    for child in token.children:
        if child.dep_ == "prep":
            out.extend(_children(child, {"pobj", "pcomp"}))
        elif child.dep_ in ("obl", "nmod") and child.i > token.i:
            out.append(child)
    return out


def _subject(verb: Token, *, any_voice: bool = False) -> tuple[Token | None, str]:
    """The grammatical subject of `verb`, climbing through control, coordination and relative clauses."""
    seen = 0
    deps = SUBJ | SUBJ_PASS if any_voice else SUBJ
    while verb is not None and seen < 6:
        subj = _children(verb, deps)
        if subj:
            if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ in RELCL:
                return verb.head, "subject: the noun the relative clause modifies"
            return subj[0], f"subject ({subj[0].dep_})"
        if verb.dep_ in RELCL:
            return verb.head, "subject: the noun the relative clause modifies"
        if verb.dep_ not in CLIMB or verb.head is verb:
            return None, ""
        verb, seen = verb.head, seen + 1
        deps = SUBJ | SUBJ_PASS if any_voice or verb.dep_ == "acomp" else deps
    return None, ""


def _is_passive(token: Token) -> bool:
    return bool(_children(token, SUBJ_PASS | AUX_PASS)) or (
        token.tag_ == "VBN" and any(c.dep_ in AGENT for c in token.children))


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            objs = _children(child, {"pobj"})
            return objs[0] if objs else None
        if child.dep_ == "obl:agent" or (child.dep_ == "obl" and any(c.lower_ == "by" for c in child.children)):
            return child
    return None


def dependency_roles(sent: Sentence, match: TriggerMatch) -> Roles:
    anchor = sent.doc[match.anchor]
    how = []
    source = sent.mention_at(match.source) if match.source is not None else None
    target = sent.mention_at(match.target) if match.target is not None else None
    passive = False
    if match.pattern.spec.trigger == "verb":
        passive = _is_passive(anchor)
        if passive:
            if source is None:
                source = _mentions_of(sent, _agent(anchor))
                how.append("source: agent of the passive")
            if target is None:
                target = _mentions_of(sent, next(iter(_children(anchor, SUBJ_PASS)), None))
                if target is None and anchor.dep_ in ("acl", "amod"):
                    target = _mentions_of(sent, anchor.head)
                how.append("target: passive subject")
        else:
            if source is None:
                subj, why = _subject(anchor)
                source = _mentions_of(sent, subj)
                how.append(why or "no subject")
            if target is None:
                for obj in _children(anchor, OBJ) + _prep_objects(anchor):
                    target = _mentions_of(sent, obj)
                    if target is not None:
                        how.append(f"target: {obj.dep_}")
                        break
    else:
        if source is None:
            for mod in _children(anchor, MODIFIER):
                if mod.i < anchor.i:
                    source = _mentions_of(sent, mod)
                    if source is not None:
                        how.append(f"source: {mod.dep_} of the noun")
                        break
        if source is None or sent.mentions[source].generic:
            # `The Iraqi army ... engaged in a large military offensive`: the clause's subject, unless
            # only a role noun modifies the noun (`a military offensive`) and nothing better leads.
            governor = anchor.head
            while governor.dep_ in ("prep", "pobj", "obl", "dobj", "obj", "nmod") and governor.head is not governor:
                governor = governor.head
            subj, why = _subject(governor, any_voice=True)
            subject = _mentions_of(sent, subj)
            if subject is not None and (source is None or not sent.mentions[subject].generic):
                source = subject
                how.append(f"source: {why} of '{governor.text}'")
            elif source is None:
                how.append("no governing subject")
        if target is None:
            for obj in _prep_objects(anchor):
                target = _mentions_of(sent, obj)
                if target is not None:
                    how.append("target: object of a preposition on the noun")
                    break
    if source is None and not passive:
        source = _left_actor(sent, match.anchor)
        how.append("source: positional fallback")
    if target is None and not passive:
        target = _right_actor(sent, match.end)
        how.append("target: positional fallback")
    if source is not None and source == target:
        target = None
    return _roles(sent, source, target, passive, "; ".join(how))


# ---------------------------------------------------------------- negation and modality

def modality(sent: Sentence, match: TriggerMatch, *, parsed: bool) -> Modality:
    """Negation, future and hypothetical cues before the trigger (and on its parse, when parsed)."""
    if not parsed and _CUE_WORDS.isdisjoint(sent.lower[max(sent.start, match.anchor - 6):match.anchor]):
        return Modality()  # most triggers: no cue word among the (at most six) words the window reads
    out = Modality()
    cues = []
    window = []  # (token index, lower-case word): the words before the trigger, nearest first
    lower, punct = sent.lower, sent.words.punct
    i = match.anchor - 1
    while i >= sent.start and len(window) < 6 and i not in sent.at and not punct[i]:
        window.append((i, lower[i]))
        i -= 1
    if parsed:
        head = sent.doc[match.anchor]
        for _ in range(3):
            window.extend((c.i, c.lower_) for c in head.children
                          if c.dep_ in ("aux", "neg", "advmod", "det", "mark") and c.i < head.i)
            if head.dep_ not in ("xcomp", "acomp", "conj") or head.head is head:
                break
            window.append((head.head.i, head.head.lower_))
            head = head.head
    if _CUE_WORDS.isdisjoint([word for _, word in window]):
        return Modality()  # most triggers: no cue word before them
    for at, word in window:
        if word in NEGATIONS:
            out.negated = True
            cues.append(word)
        elif word in FUTURE_AUX:
            out.future = True
            cues.append(word)
        elif word in HYPOTHETICAL_AUX:
            if word in ("would", "'d") and any(w in SAID for i, w in window if i < at):
                out.future = True  # `said it would allow`: the future of reported speech, not a condition
            else:
                out.hypothetical = True
            cues.append(word)
    words = [word for _, word in window]
    if match.pattern.spec.trigger == "noun":  # `is planning a ground offensive`
        intent = next((w for w in words if w in _NOUN_INTENT), None)
        if intent:
            out.future = True
            cues.append(intent)
    for index, word in enumerate(words):
        if word == "to" and index + 1 < len(words):
            before = words[index + 1]
            earlier = words[index + 2] if index + 2 < len(words) else ""
            if before in REFUSAL or (before == "calls" and earlier in ("rejected", "rejects", "rejecting", "rebuffed")):
                out.negated = out.refused = True
                cues.append(f"{before} to")
                continue
            if before in FAILURE:
                out.negated = True
                cues.append(f"{before} to")
                continue
            if before in THREAT:
                out.threatened = out.hypothetical = True
                cues.append(f"{before} to")
                continue
            if before in INTENT:
                out.intended = True
            if before in FUTURE_INTENT:
                out.future = True
                cues.append(f"{before} to")
            elif before in HYPOTHETICAL_INTENT:
                out.hypothetical = True
                cues.append(f"{before} to")
    out.cue = " ".join(dict.fromkeys(cues))
    return out
