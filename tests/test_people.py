"""People of the default ontology: dated roles decide the code, also for 1975-1999 office holders,
and a title before a shared surname names the one holder in office that day."""
import pytest


def _actors(events):
    return [(e["source_code"], e["target_code"]) for e in events]


CASES = [
    # text, date, expected (source, target) pairs
    ("President Ronald Reagan met Mikhail Gorbachev in Geneva.", "1985-11-19", [("USAGOV", "RUSGOV")]),
    ("President Ronald Reagan met Mikhail Gorbachev in Geneva.", "1995-11-19", [("USAELI", "RUSELI")]),
    ("Margaret Thatcher met Francois Mitterrand in Paris.", "1986-01-20", [("GBRGOV", "FRAGOV")]),
    ("President Jimmy Carter met Prime Minister Menachem Begin at Camp David.", "1978-09-10",
     [("USAGOV", "ISRGOV")]),
]


@pytest.mark.parametrize("text,date,expected", CASES, ids=[f"{c[0][:30]}-{c[1][:4]}" for c in CASES])
def test_people_codes_on_the_day(default_coder, text, date, expected):
    assert _actors(default_coder.code_text(text, date=date)) == expected


@pytest.mark.parametrize("text,date,person", [
    ("President Kenyatta met President Nyerere in Nairobi.", "1975-06-01", "Jomo Kenyatta"),
    ("President Kenyatta met President Museveni in Nairobi.", "2015-06-01", "Uhuru Kenyatta"),
    ("President Carter met Prime Minister Menachem Begin.", "1978-09-10", "Jimmy Carter"),
    ("Defense Secretary Carter met Prime Minister Benjamin Netanyahu.", "2016-03-01", "Ashton Carter"),
])
def test_title_and_shared_surname_name_the_holder_in_office(default_coder, text, date, person):
    events = default_coder.code_text(text, date=date)
    assert events and events[0]["source_reason"].startswith(f"person {person}:"), events
