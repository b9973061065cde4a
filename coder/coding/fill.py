"""Fill a side the roles left empty, from evidence in the same sentence, in a fixed order:

1. an actor inside the words the pattern itself matched (`hit * &MILTARGET` over `hit Hezbollah
   positions`): the target, when the pattern has no `+` slot;
2. a place that is the object of a material action or a meeting (`shelled Mariupol` -> UKR): the
   geocoder's gazetteer resolves it, and it stands for its country with the bare ISO3 code; a place
   after `in`/`near` only says where, and stays a location;
3. a role noun with no country (`---OPP`) takes one from its own phrase (`dissidents from Egypt`),
   then from the location of its clause (`protesters in Baghdad`).
A side still empty is written `---` by events.py. Each fill sets the mention's `kind` and says why
in its reason, so `explain` shows which step filled each side.
"""
from __future__ import annotations

from coder.coding.actors import LOCATIVE, Mention
from coder.coding.roles import CLAUSE_BREAK, Roles, Sentence
from coder.coding.triggers import TriggerMatch

# A place right after these words (or right after the verb) is what the action is done to.
OBJECT_PREPOSITIONS = {"on", "upon", "against", "with", "toward", "towards"}
# Words between the verb and the place's name: `the Syrian town of`, `the besieged city of`.
_LEAD_WORDS = {"the", "a", "an", "of", "town", "city", "village", "villages", "towns", "cities", "province",
               "region", "district", "capital", "port", "suburb", "suburbs", "outskirts", "key", "strategic",
               "besieged", "rebel-held", "government-held", "northern", "southern", "eastern", "western",
               "central", "embattled", "frontline", "front-line", "border", "neighbourhood", "neighborhood"}
_LEAD_OR_OBJECT = _LEAD_WORDS | OBJECT_PREPOSITIONS
_PLACE_MAX_WORDS = 4
_OBJECT_REACH = 6  # a place object starts within this many tokens after the pattern
# `---MIL in Syria`, `dissidents from Egypt`, `ministers of the Georgian government`
_OWN_PHRASE = {"in", "from", "of", "inside", "at"}
_OWN_PHRASE_GAP = {"the"}


def has_target_slot(match: TriggerMatch) -> bool:
    return match.pattern.has_target_slot


def inside_pattern(sent: Sentence, match: TriggerMatch, roles: Roles) -> Roles:
    """Step 1: an actor in the pattern's `*` words is the target (`struck Hamas targets`)."""
    if match.end <= match.anchor + 1 or roles.passive or has_target_slot(match):
        return roles  # no words after the anchor (most patterns), a `+` slot, or a passive
    taken = {id(m) for m in roles.sources}
    own = {code for m in roles.sources for code in m.codes}
    for i in range(match.anchor + 1, match.end):
        n = sent.mention_at(i)
        if n is None:
            continue
        mention = sent.mentions[n]
        if mention.place or id(mention) in taken or mention.start < match.anchor:
            continue
        if set(mention.codes) <= own:
            continue  # the source's own means (`the army deployed troops`), not what it acts on
        targets = [m for m in sent.group(n) if id(m) not in taken]
        if targets and targets != roles.targets:
            return Roles(roles.sources, targets, roles.passive,
                         roles.how + "; target: an actor inside the pattern's words")
        return roles
    return roles


class PlaceActors:
    """Step 2: places as actors, resolved by the geocoder's gazetteer (coder/places)."""

    def __init__(self, gazetteer_of):
        self._gazetteer_of = gazetteer_of  # called on first use: the gazetteer loads only if needed

    def object_place(self, sent: Sentence, match: TriggerMatch, roles: Roles) -> Roles:
        doc = sent.doc
        if roles.passive:
            found = self._subject_place(sent, match)
            side = "passive subject"
        else:
            found = self._object_place(sent, match)
            side = "object"
        if found is None:
            return roles
        start, end, place = found
        code = place.country3
        if not code or any(code in m.codes for m in roles.sources):
            return roles
        mention = Mention(start, end, (code,), (code,), doc[start:end].text,
                          f"place '{place.name}' ({place.kind}, {place.country3}) as the {side} of the verb: "
                          f"stands for its country", "coder/places (gazetteer)", kind="place",
                          name=None)
        return Roles(roles.sources, [mention], roles.passive, roles.how + f"; target: a place, the {side} of the verb")

    def _object_place(self, sent: Sentence, match: TriggerMatch):
        doc, lower = sent.doc, sent.lower
        i = match.anchor + 1
        limit = min(sent.end, match.end + _OBJECT_REACH)
        while i < limit:
            word = lower[i]  # punctuation's lower-case form is itself
            if word in CLAUSE_BREAK or word == ",":
                return None
            if word in LOCATIVE and word not in OBJECT_PREPOSITIONS:
                return None  # `in Aleppo`, even inside a pattern (`rally in`): where, not what
            token = doc[i]
            if token.is_title or token.is_upper:
                return self._place_at(sent, i)
            if i >= match.end and word not in _LEAD_OR_OBJECT and not (
                    token.is_alpha and token.is_lower and i + 1 < limit and lower[i + 1] == "of"):
                return None
            i += 1
        return None

    def _subject_place(self, sent: Sentence, match: TriggerMatch):
        """`Aleppo was bombed`: the place right before the passive verb's auxiliaries."""
        doc = sent.doc
        i = match.anchor - 1
        while i > sent.start and doc[i].is_lower and doc[i].is_alpha and match.anchor - i <= 4:
            i -= 1
        end = i + 1
        while i >= sent.start and (doc[i].is_title or doc[i].is_upper) and end - i <= _PLACE_MAX_WORDS:
            i -= 1
        start = i + 1
        if start >= end or (start > sent.start and sent.lower[start - 1] in LOCATIVE):
            return None
        return self._place_span(sent, start, end)

    def _place_at(self, sent: Sentence, start: int):
        doc = sent.doc
        end = start
        while end < sent.end and end - start < _PLACE_MAX_WORDS and (doc[end].is_title or doc[end].is_upper):
            end += 1
        for stop in range(end, start, -1):
            found = self._place_span(sent, start, stop)
            if found is not None:
                return found
        return None

    def _place_span(self, sent: Sentence, start: int, end: int):
        never, months_days, norm = _place_word_rules()
        if any(sent.mention_at(i) is not None and not sent.mentions[sent.mention_at(i)].place
               for i in range(start, end)):
            return None  # an actor the ontology knows is not read again as a place
        key = norm(sent.doc[start:end].text)
        if key in never or key in months_days or len(key) < 3:
            return None
        gaz = self._gazetteer_of()
        codes = gaz.candidates(key)
        if not codes:
            return None
        index = gaz.resolve(codes)
        return None if index is None else (start, end, gaz.place(index))


_PLACE_WORD_RULES: tuple | None = None


def _place_word_rules() -> tuple:
    """(words never a place, month and day names, the key normaliser) of coder/places, imported on
    first use: coding a text with no place object loads nothing of coder/places."""
    global _PLACE_WORD_RULES
    if _PLACE_WORD_RULES is None:
        from coder.places.cues import _MONTHS_DAYS, _NEVER
        from coder.places.normalise import norm

        _PLACE_WORD_RULES = (_NEVER, _MONTHS_DAYS, norm)
    return _PLACE_WORD_RULES


def material_or_meeting(quad_class: int, code: str) -> bool:
    """CAMEO codes a place as an actor only as the object of a material act or in a meeting."""
    return quad_class in (2, 4) or code.startswith("04")


def _apart(before: list[Mention], after: list[Mention], other: list[Mention]) -> list[Mention]:
    """`after` (a side as filled, `before` as it was) with each mention given a context country that
    the `other` side's codes share put back as it was."""
    theirs = {code for m in other for code in m.codes}
    return [was if now.kind == "context" and was.kind != "context" and set(now.codes) & theirs else now
            for was, now in zip(before, after, strict=True)]


class ContextCountry:
    """Step 3: a role noun with no country takes one from its own phrase, then from its clause's
    location; never from the dateline or another sentence."""

    def __init__(self, places: PlaceActors):
        self.places = places
        # (sentence, token index -> its country): the sentence's triggers look at the same places
        self._countries: tuple[Sentence | None, dict[int, str | None]] = (None, {})

    def apply(self, sent: Sentence, match: TriggerMatch, roles: Roles) -> Roles:
        clause: list = []  # the clause's place, looked up once for both sides
        sources = self._filled(sent, match, roles.sources, clause)
        targets = self._filled(sent, match, roles.targets, clause)
        if sources is roles.sources and targets is roles.targets:
            return roles  # most events: every side has its country (or none was found)
        # A country that would make both sides one actor says where they met, not who one of them is
        # (`the president met the French foreign minister in Paris`): that side stays `---`.
        if sources is not roles.sources:
            sources = _apart(roles.sources, sources, targets)
        if targets is not roles.targets:
            targets = _apart(roles.targets, targets, sources)
        return Roles(sources, targets, roles.passive, roles.how)

    def _filled(self, sent: Sentence, match: TriggerMatch, side: list[Mention], clause: list) -> list[Mention]:
        """`side` with a country for each role noun that has none and finds one: a new list, or `side`
        itself when none does. Each mention's `generic` (a property: a Python call) is read once."""
        filled = None
        for k, mention in enumerate(side):
            if not mention.generic:
                continue
            found = self._own_phrase(sent, mention)
            if found is None:
                if not clause:
                    clause.append(self._clause_place(sent, match))
                found = clause[0]
            if found:
                country, why = found
                codes = tuple(country + code[3:] for code in mention.codes)
                if filled is None:
                    filled = list(side)
                filled[k] = Mention(mention.start, mention.end, codes, (country,) * len(codes), mention.text,
                                    f"{mention.reason}; country {country} from {why}", mention.where,
                                    mention.person, mention.place, "context", mention.name)
        return side if filled is None else filled

    def _own_phrase(self, sent: Sentence, mention: Mention):
        lower, i = sent.lower, mention.end
        if i >= sent.end or lower[i] not in _OWN_PHRASE:
            return None
        prep = lower[i]
        i += 1
        while i < sent.end and lower[i] in _OWN_PHRASE_GAP:
            i += 1
        country = self._country_at(sent, i)
        return (country, f"its own phrase ('{prep} ...')") if country else None

    def _clause_place(self, sent: Sentence, match: TriggerMatch):
        """The nearest place after a locative word (`in Baghdad`, `near Kismayo, Somalia`) in the
        trigger's clause (between `;`/`:`/dashes)."""
        doc, lower = sent.doc, sent.lower
        start = sent.clause_break_before(match.anchor)
        start = sent.start if start is None else start + 1
        end = sent.clause_break_from(match.anchor)
        end = sent.end if end is None else end
        spots = [i for i in sent.locatives if start <= i < end - 1]
        if len(spots) > 1:  # nearest first (of two as near, the one before the trigger: the sort is stable)
            anchor = match.anchor
            spots.sort(key=lambda i: abs(i - anchor))
        for i in spots:
            j = i + 1
            while j < end and lower[j] in _LEAD_WORDS:
                j += 1
            country = self._country_at(sent, j)
            if country:  # so j is a token of the sentence
                return country, f"the clause's location ('{doc[i].text} {doc[j].text}')"
        return None

    def _country_at(self, sent: Sentence, i: int) -> str | None:
        """The country named at token `i`: an actor's, or a place's the gazetteer knows (looked up
        once per sentence and token)."""
        known_sent, known = self._countries
        if known_sent is not sent:
            known = {}
            self._countries = (sent, known)
        if i in known:
            return known[i]
        country = known[i] = self._find_country_at(sent, i)
        return country

    def _find_country_at(self, sent: Sentence, i: int) -> str | None:
        if i >= sent.end:
            return None
        n = sent.mention_at(i)
        if n is not None:
            mention = sent.mentions[n]
            for country in mention.countries:
                if country:  # the first country it has
                    return None if mention.generic else country
            return None
        token = sent.doc[i]
        if not (token.is_title or token.is_upper):
            return None
        found = self.places._place_at(sent, i)
        if found is None:
            return None
        return found[2].country3 or None
