"""A record's template is an empty record (made once per set of article columns) copied and given
the article's values: it must be the very dict the plain merge builds, in the same column order."""
import datetime as dt

from coder.coding.events import _RECORD_COLUMNS, _record_template


def _plain(doc_columns: dict) -> dict:
    return {"event_id": None, **doc_columns, **dict.fromkeys(_RECORD_COLUMNS)}


def _doc_columns(doc_id: str, **more) -> dict:
    return {"doc_id": doc_id, "doc_date": dt.date(2016, 10, 25), "doc_date_reason": "given", "location_text": None,
            "coder_version": "1.0", **more}


def test_the_template_is_the_plain_merge_in_the_same_order():
    context = {"doc_columns": _doc_columns("a")}
    made = _record_template(context)
    assert made == _plain(context["doc_columns"])
    assert list(made) == list(_plain(context["doc_columns"]))


def test_each_article_gets_its_own_values_and_other_columns_their_own_order():
    first = {"doc_columns": _doc_columns("a")}
    second = {"doc_columns": _doc_columns("b")}
    third = {"doc_columns": _doc_columns("c", doc_title="Talks", doc_url=None)}  # more article columns
    for context in (first, second, third, first):
        made = _record_template(context)
        assert list(made.items()) == list(_plain(context["doc_columns"]).items())
    assert _record_template(first) is _record_template(first)  # kept for the article's other triggers
    assert _record_template(second)["doc_id"] == "b"


def test_a_new_doc_columns_dict_of_the_same_article_makes_a_new_template():
    context = {"doc_columns": _doc_columns("a")}
    old = _record_template(context)
    context["doc_columns"] = _doc_columns("a", doc_source="wire")
    made = _record_template(context)
    assert made is not old and list(made.items()) == list(_plain(context["doc_columns"]).items())
