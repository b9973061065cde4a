"""Reported speech and the main event of a sentence.

- A speaker (`X said`, `, X reported`, `according to X`) is never the target of the event it
  reports: `..., Syrian state media reported` is the source of a report, not the attack's victim.
- `main_event` is false for a trigger in a relative, conditional, temporal-background or purpose
  clause (`who had been sentenced`, `if talks fail`, `after the attack`, `asked X to look into`),
  and for a noun trigger inside the object of another trigger (`rejected the offer of talks`:
  CAMEO codes the rejection, the offer is its content). Analysts keep one event per sentence with
  `--main-events-only`, as PETRARCH-style datasets do.
Positional rules over tokens, so both analysis modes share them.
"""
from __future__ import annotations

from coder.coding.inflect import verbs_forms
from coder.coding.roles import CLAUSE_BREAK, FUTURE_INTENT, HYPOTHETICAL_INTENT, Modality, Roles, Sentence
from coder.coding.triggers import TriggerMatch

REPORTING = {"quoted", "cited", "reportedly"} | verbs_forms("say", "report", "tell", "claim", "add", "announce",
                                                             "state", "confirm")
# Words that open a clause whose event is background to the sentence's main one.
SUBORDINATORS = {"who", "which", "whom", "whose", "that", "if", "unless", "when", "whenever", "while", "after",
                 "before", "since", "until", "as", "because", "although", "though", "whether", "once",
                 "where", "amid", "following"}
# `to` + verb after these is the event itself, intended or refused (modality handles it).
_MAIN_INFINITIVE = FUTURE_INTENT | HYPOTHETICAL_INTENT | {"failed", "fail", "fails", "refused", "refuse", "refuses",
                                                          "declined", "decline", "declines", "agreed", "agree",
                                                          "agrees", "began", "begin", "started", "start",
                                                          "continued", "continue", "continues", "vowed", "has",
                                                          "have", "had", "will", "would", "to", "going",
                                                          "set", "due", "likely", "unlikely", "rejected",
                                                          "threatening", "pledging", "promising", "moved",
                                                          "managed", "used", "sought", "seeking", "decided",
                                                          "decides", "expected", "ready", "willing", "prepared"}
_SCAN_BACK = 12
_OBJECT_GAP = 6
_SUBORDINATE_DEPS = {"acl", "relcl", "acl:relcl", "advcl"}
_COORDINATORS = {"and", "or", "but", "then", "while", "yet", "also"}
_NOT_IN_OBJECT = SUBORDINATORS | _COORDINATORS
# Every word the backward scan of is_main_event stops or decides at.
_SCAN_WORDS = frozenset(CLAUSE_BREAK | SUBORDINATORS | {",", "to", "said", "says", "told"})


def speakers(sent: Sentence) -> set[int]:
    """Indices of mentions that are the speaker of a reporting verb: `X said`, `X has said`,
    `..., said X`, `according to X`."""
    lower, out = sent.lower, set()
    words = lower[sent.start:sent.end]
    if REPORTING.isdisjoint(words) and "according" not in words:
        return out  # most sentences: no reporting verb, no `according to`
    for n, m in enumerate(sent.mentions):
        if m.end < sent.end:
            word = lower[m.end]
            if word in REPORTING or (word in ("has", "had", "also") and m.end + 1 < sent.end
                                     and lower[m.end + 1] in REPORTING):
                out.add(n)
                continue
        i = m.start - 1
        while i >= sent.start and lower[i] in ("the", "a", "an"):
            i -= 1
        if i > sent.start and lower[i] == "to" and lower[i - 1] == "according":
            out.add(n)
        elif i > sent.start and lower[i] in REPORTING and lower[i - 1] == ",":
            out.add(n)
    return out


def drop_speaker_target(sent: Sentence, roles: Roles, speaking: set[int]) -> Roles:
    """A speaker is never the target of the event it reports."""
    if not speaking or not roles.targets:
        return roles
    spoken = {id(sent.mentions[n]) for n in speaking}
    kept = [m for m in roles.targets if id(m) not in spoken]
    if len(kept) == len(roles.targets):
        return roles
    return Roles(roles.sources, kept, roles.passive, roles.how + "; target dropped: the speaker of a reporting verb")


def is_main_event(sent: Sentence, match: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    lower = sent.lower
    if sent.doc[match.anchor].dep_ in _SUBORDINATE_DEPS:
        return False  # the parse says so (dependency mode): `a soldier killed in ...`, `which attacked`
    start = max(sent.start, match.anchor - _SCAN_BACK)
    for i in range(match.anchor - 1, start - 1, -1):
        word = lower[i]  # punctuation's lower-case form is itself
        if word not in _SCAN_WORDS:
            continue  # most words: none of the tests below reads them
        if word in CLAUSE_BREAK or word == ",":
            break  # a clause of its own starts after the comma (`X, which runs Y, refused Z`)
        if i in sent.at:
            continue
        if word in SUBORDINATORS:
            if word == "that" and i > sent.start and lower[i - 1] in REPORTING:
                return True  # `said that X attacked Y`: the reported event is the sentence's event
            if word == "as" and i + 1 < len(lower) and lower[i + 1] in ("well", "part"):
                continue
            return False
        if word == "to" and i == match.anchor - 1:
            before = lower[i - 1] if i > sent.start else ""
            return before in _MAIN_INFINITIVE
        if word in ("said", "says", "told"):
            return True
    if lower[match.anchor] in match.pattern.participles and match.anchor > sent.start and \
            sent.mention_at(match.anchor - 1) is not None and _after_trigger(sent, match, matches):
        return False  # `paid respects to a soldier killed in ...`: a reduced relative clause
    # A trigger in the object of an earlier verb trigger (`condemned the attack`, `rejected the
    # government's offer`) is that event's content, not an event of its own.
    punct = sent.words.punct
    for other in matches:
        if other is match or other.anchor >= match.anchor or other.pattern.spec.trigger != "verb":
            continue
        if match.anchor - other.end <= _OBJECT_GAP and not any(  # from the anchor: a `+` slot may run past a comma
                punct[i] or lower[i] in _NOT_IN_OBJECT for i in range(other.anchor + 1, match.anchor)):
            return False
    return True


def _after_trigger(sent: Sentence, match: TriggerMatch, matches: list[TriggerMatch]) -> bool:
    """An earlier verb trigger in the same stretch of the sentence (no punctuation between)."""
    punct = sent.words.punct
    for other in matches:
        if other.anchor < match.anchor and other.pattern.spec.trigger == "verb" and other.end <= match.anchor and \
                not any(punct[other.anchor + 1:match.anchor]):  # a `+` slot may run past a comma
            return True
    return False


def coordinated_verb(sent: Sentence, match: TriggerMatch, done: list[tuple]) -> tuple | None:
    """`Iran threatened to attack the base and kill the general`: a verb right after `and`/`or`
    shares the subject and the modality of the verb trigger it is coordinated with. `done` holds
    (match, roles, mood) of the sentence's earlier triggers; returns the one to share with."""
    i = match.anchor - 1
    if i <= sent.start or sent.lower[i] not in ("and", "or") or match.pattern.spec.trigger != "verb":
        return None
    for other, roles, mood in reversed(done):
        if other.pattern.spec.trigger == "verb" and other.anchor < i and not sent.has_break(other.anchor, i):
            return other, roles, mood
    return None


_SHARED_ROOTS = {"12": "refused", "13": "threatened"}


def share_with(roles: Roles, mood, partner: tuple) -> tuple:
    """Roles and modality of a coordinated verb: the partner's subject, and its modal cues."""
    partner_match, partner_roles, partner_mood = partner
    if partner_roles.sources and not partner_roles.passive and not roles.passive:
        roles = Roles(partner_roles.sources, roles.targets, roles.passive,
                      roles.how + "; source: the subject of the verb it is coordinated with")
    flags = ("negated", "future", "hypothetical", "refused", "threatened", "intended")
    shared = {f: getattr(mood, f) or getattr(partner_mood, f) for f in flags}
    cues = [partner_mood.cue, mood.cue]
    # `refused to meet X or sign Y`, `threatened to attack X and kill Y`: the partner's own pattern
    # holds the refusal or threat; the coordinated act is refused or threatened too.
    root = partner_match.code[:2]
    if root in _SHARED_ROOTS and not getattr(mood, _SHARED_ROOTS[root]):
        shared[_SHARED_ROOTS[root]] = True
        shared["negated" if root == "12" else "hypothetical"] = True
        cues.append(f"{partner_match.pattern.spec.words[0]} (coordinated)")
    mood = Modality(**shared, cue=" ".join(c for c in cues if c))  # every field of a Modality
    return roles, mood
