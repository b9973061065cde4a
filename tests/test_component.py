"""The spaCy component: same records as Coder, span groups, DocBin, displaCy, to_disk/from_disk,
and the README example as written."""
from __future__ import annotations

import re
import tomllib

import pytest
import spacy
from spacy import displacy
from spacy.tokens import DocBin

import coder.spacy_component  # noqa: F401  registers the factory (the entry point does it once installed)
from conftest import MINI, ROOT

TEXTS = ["Gondor attacked Mordor on Tuesday.", "Rohan met with Gondor on Monday. Nothing happened in Mordor."]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("eventcoder", config={"geocode": False})
    nlp.get_pipe("eventcoder").initialize(ontology=[str(MINI)])
    return nlp


def _dated(nlp, text, day="2016-01-05", doc_id=None):
    doc = nlp.make_doc(text)
    doc._.doc_date, doc._.doc_id = day, doc_id
    return doc


def test_same_records_as_coder(nlp):
    from coder import Coder

    plain = Coder(ontology=[MINI], geocode=False)
    for n, text in enumerate(TEXTS):
        doc = nlp(_dated(nlp, text, doc_id=f"d{n}"))
        expected = plain.code_text(text, date="2016-01-05", doc_id=f"d{n}")
        assert doc._.events, text
        assert {k for e, x in zip(doc._.events, expected, strict=True) for k in e if e[k] != x[k]} == {"analysis"}
        assert doc._.events[0]["analysis"] == "shallow:pipeline"  # names the user's pipeline


def test_span_groups(nlp):
    doc = nlp(_dated(nlp, TEXTS[0]))
    assert [(s.text, s.label_) for s in doc.spans["eventcoder_actors"]] == [("Gondor", "GON"), ("Mordor", "MOR")]
    assert [(s.text, s.label_) for s in doc.spans["eventcoder_triggers"]] == [("attacked", "190")]
    record = doc._.events[0]
    assert doc.text[record["source_start"]:record["source_end"]] == "Gondor"


def test_nlp_pipe_docbin_and_displacy(nlp):
    docs = list(nlp.pipe([_dated(nlp, t) for t in TEXTS]))
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for doc, restored in zip(docs, back, strict=True):
        assert restored._.events == doc._.events
        assert [(s.start, s.end, s.label_) for s in restored.spans["eventcoder_actors"]] == \
               [(s.start, s.end, s.label_) for s in doc.spans["eventcoder_actors"]]
    html = displacy.render(docs[0], style="span", options={"spans_key": "eventcoder_actors"})
    assert "Gondor" in html and "GON" in html


def test_doc_date_decides_event_date(nlp):
    assert str(nlp(_dated(nlp, TEXTS[0], day="2016-01-05"))._.events[0]["event_date"]) == "2016-01-05"
    assert str(nlp(_dated(nlp, TEXTS[0], day="2016-01-08"))._.events[0]["event_date"]) == "2016-01-05"  # the Tuesday
    assert nlp(_dated(nlp, TEXTS[0], day=None))._.events[0]["event_date"] is None


def test_to_disk_keeps_the_ontology(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    doc = loaded.make_doc(TEXTS[0])
    doc._.doc_date = "2016-01-05"
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in loaded(doc)._.events] == [
        ("GON", "190", "MOR")]


def test_without_sentence_boundaries_or_events(nlp):
    doc = nlp(_dated(nlp, "The weather was mild."))
    assert doc._.events == [] and len(doc.spans["eventcoder_actors"]) == 0


def test_a_pipeline_without_sentences_gets_spacys_rule_based_ones(nlp):
    """The component sets them itself (coding/sentences.py), where spaCy's Sentencizer would."""
    from spacy.pipeline import Sentencizer

    text = 'Rohan met Gondor. "Nothing happened," he said! Then... Mordor attacked Gondor?! (Yes.) End'
    doc = nlp(_dated(nlp, text))
    expected = Sentencizer()(nlp.make_doc(text))
    assert [s.text for s in doc.sents] == [s.text for s in expected.sents]
    assert len(list(doc.sents)) == 5


def test_factory_entry_point_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    target = project["project"]["entry-points"]["spacy_factories"]["eventcoder"]
    module, func = target.split(":")
    assert getattr(__import__(module, fromlist=[func]), func) is coder.spacy_component.make_eventcoder


def test_readme_example_runs(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### In a spaCy pipeline"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    printed = []
    exec(compile(code, "README.md", "exec"), {"print": printed.append})
    expected = re.search(r"# (\[.*\])", code).group(1)
    assert str(printed[0]) == expected
    assert (tmp_path / "my_pipeline" / "eventcoder" / "eventcoder.json").exists()


def test_after_a_parser_the_dependency_mode_is_used():
    from coder.coding.coder import packaged_model_dir

    parsed = spacy.load(packaged_model_dir())
    parsed.add_pipe("eventcoder", config={"geocode": False})
    parsed.get_pipe("eventcoder").initialize(ontology=[str(MINI)])
    doc = parsed.make_doc("Mordor was attacked by Gondor on Tuesday.")
    doc._.doc_date = "2016-01-05"
    events = parsed(doc)._.events
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in events] == [("GON", "190", "MOR")]
    assert events[0]["analysis"].startswith("dependency:")
