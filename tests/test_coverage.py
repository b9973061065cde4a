"""`eventcoder ontology coverage`: what share of a corpus the patterns reach, and what they miss."""
import json

from click.testing import CliRunner

from coder.cli import main
from coder.ontology.coverage import class_shares, measure, read_conllu, read_corpus
from conftest import MINI

CORPUS = [
    {"id": "a1", "text": "Gondor attacked Mordor on Monday."},               # 190 fires
    {"id": "a2", "text": "Gondor praised Rohan for its courage."},           # two actors, nothing fires
    {"id": "a3", "text": "Rohan visited Mordor. Gondor thanked Rohan."},     # 042, then a gap
    {"id": "a4", "text": "It rained all day."},                              # no actors, nothing fires
]

CONLLU = """# sent_id = GUM_news_one-1
# text = Gondor attacked Mordor.
1\tGondor\tGondor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_

# sent_id = GUM_bio_two-1
# text = Rohan praised Gondor.
1\tRohan\tRohan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_

"""


def write_corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    return path


def test_measure_counts_fired_sentences_roots_and_gaps(tmp_path, mini_coder):
    found = measure(mini_coder, read_corpus(write_corpus(tmp_path)))
    assert (found.documents, found.sentences, found.fired) == (4, 5, 2)
    assert dict(found.by_root) == {"19": 1, "04": 1}
    assert found.two_actors_unfired == 2
    assert found.verbs["praise"].count == 1 and found.verbs["thank"].count == 1
    assert found.verbs["praise"].example == "Gondor praised Rohan for its courage."
    assert found.codes_by_document["a3"] == {"042"} and found.codes_by_document["a4"] == set()
    unfired = {p.text for p in found.unfired()}
    assert "meet with +" in unfired and "attack" not in unfired and "visit +" not in unfired


def test_min_actors_zero_lists_heads_of_sentences_without_actors(tmp_path, mini_coder):
    found = measure(mini_coder, read_corpus(write_corpus(tmp_path)), min_actors=0)
    assert found.two_actors_unfired == 3
    assert "rain" in found.verbs


def test_conllu_is_read_as_plain_sentences_and_filtered_by_id(tmp_path):
    path = tmp_path / "tb.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    assert [(a.id, a.text) for a in read_conllu(path)] == [
        ("GUM_news_one-1", "Gondor attacked Mordor."), ("GUM_bio_two-1", "Rohan praised Gondor.")]
    assert [a.id for a in read_corpus(tmp_path, id_contains="_news_")] == ["GUM_news_one-1"]


def test_class_shares_counts_no_pattern_and_wrong_class_documents(tmp_path, mini_coder):
    found = measure(mini_coder, read_corpus(write_corpus(tmp_path)))
    root_class = {"19": "CONFLICT", "04": "COOP"}
    gold = {"a1": "CONFLICT", "a2": "COOP", "a3": "CONFLICT", "a4": "COOP"}
    # a2 and a4: no pattern; a3: only a cooperation root for a conflict record
    assert class_shares(found, gold, root_class) == {"documents": 4, "no_pattern": 0.5, "wrong_class_only": 0.25}


def test_coverage_command_prints_the_report(tmp_path):
    result = CliRunner().invoke(main, ["ontology", "coverage", str(write_corpus(tmp_path)), "--ontology", str(MINI),
                                       "--unfired", str(tmp_path / "unfired.txt")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("4 documents, 5 sentences: a pattern codes in 2 (40.0%)")
    assert "sentences per root: 04 1, 19 1" in result.output
    assert "praise" in result.output
    assert "meet with +" in (tmp_path / "unfired.txt").read_text()


def test_coverage_command_json_and_missing_corpus(tmp_path):
    result = CliRunner().invoke(main, ["ontology", "coverage", str(write_corpus(tmp_path)), "--ontology", str(MINI),
                                       "--json"])
    report = json.loads(result.output)
    assert report["fired"] == 2 and report["patterns_fired"] == 2
    assert report["uncovered_verbs"][0]["lemma"] in ("praise", "thank")
    missing = CliRunner().invoke(main, ["ontology", "coverage", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code != 0
    assert "[E101] no such file or folder" in missing.output
