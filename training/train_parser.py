#!/usr/bin/env python
"""Train eventcoder's own small English spaCy pipeline on Universal Dependencies.

Run from anywhere with the project's virtualenv:

    /work/main/.venv/bin/python /work/main/training/train_parser.py

Stages (all run by default; pick some with --stages convert,train,evaluate,speed,package):

  convert   CoNLL-U -> .spacy (spacy convert, 10 sentences per doc); EWT train + GUM(CC BY) train
            are merged into corpus/train.spacy, EWT dev + GUM dev into corpus/dev.spacy.
            EWT test, GUM test and PUD are converted for evaluation only.
  train     spaCy training on CPU with config.cfg (output in training/output/), bounded by
            [training] max_steps and a wall-clock limit (--max-minutes).
  evaluate  nlp.evaluate on gold-tokenised EWT test, PUD (and GUM CC-BY test) -> metrics.json
  speed     words per second of the full pipeline on raw PUD text, one thread pinned to one core
  package   writes the best model to coder/models/en_eventcoder_ud/ with meta.json

Nothing here downloads anything: the pipeline starts from a blank "en" (default English tokenizer),
no pretrained vectors.
"""
import os

# One thread everywhere (BLAS/OpenMP): the machine is shared and the speed figure is per core.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
UD = Path(os.environ.get("EVENTCODER_UD_DIR", "/work/shared/ud"))
CORPUS = HERE / "corpus"
RAW = CORPUS / "raw"
OUTPUT = HERE / "output"
CONFIG = HERE / "config.cfg"
METRICS = HERE / "metrics.json"
MODEL_DIR = REPO / "coder" / "models" / "en_eventcoder_ud"
MODEL_NAME = "en_eventcoder_ud"
MODEL_VERSION = "0.2.0"

SOURCES = {
    "ewt_train": UD / "en_ewt-ud-train.conllu",
    "ewt_dev": UD / "en_ewt-ud-dev.conllu",
    "ewt_test": UD / "en_ewt-ud-test.conllu",
    "gum_train": UD / "gum-cc-by" / "gum-ccby-train.conllu",
    "gum_dev": UD / "gum-cc-by" / "gum-ccby-dev.conllu",
    "gum_test": UD / "gum-cc-by" / "gum-ccby-test.conllu",
    "pud_test": UD / "pud" / "en_pud-ud-test.conllu",
}
# Evaluation sets (never used for training or model selection).
EVAL_SETS = {"ewt_test": "EWT test", "pud_test": "PUD", "gum_test": "GUM CC-BY test"}

import spacy  # noqa: E402
from spacy import registry  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402


class TimeLimitReached(Exception):
    """Raised by the before_update callback to end training at a wall-clock limit.

    spaCy's training loop has already written model-best at the last improving evaluation,
    and it writes model-last on the way out, so stopping this way loses nothing."""


_TIME_LIMIT_OVERRIDE = {"minutes": None}


@registry.callbacks("eventcoder.time_limit.v1")
def make_time_limit(max_minutes: float = 48.0):
    if _TIME_LIMIT_OVERRIDE["minutes"] is not None:
        max_minutes = _TIME_LIMIT_OVERRIDE["minutes"]
    start = time.monotonic()

    def before_update(nlp, args):
        if max_minutes and time.monotonic() - start > max_minutes * 60:
            raise TimeLimitReached(
                f"wall-clock limit of {max_minutes} min reached at step {args['step']}, "
                f"epoch {args['epoch']}"
            )

    return before_update


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def read_docs(path, vocab):
    return list(DocBin().from_disk(path).get_docs(vocab))


# ----------------------------------------------------------------------------------- convert
def stage_convert():
    RAW.mkdir(parents=True, exist_ok=True)
    for key, src in SOURCES.items():
        if not src.exists():
            sys.exit(f"missing UD file {src}")
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(src), str(RAW),
             "--converter", "conllu", "-n", "10"],
            check=True, stdout=subprocess.DEVNULL,
        )
        (RAW / (src.stem + ".spacy")).replace(RAW / f"{key}.spacy")
    nlp = spacy.blank("en")
    stats = {}
    for out, keys in (("train", ["ewt_train", "gum_train"]), ("dev", ["ewt_dev", "gum_dev"])):
        docs = []
        for key in keys:
            part = read_docs(RAW / f"{key}.spacy", nlp.vocab)
            stats[key] = {"docs": len(part), "words": sum(len(d) for d in part),
                          "sentences": sum(1 for d in part for _ in d.sents)}
            docs.extend(part)
        DocBin(docs=docs, store_user_data=False).to_disk(CORPUS / f"{out}.spacy")
    for key in EVAL_SETS:
        part = read_docs(RAW / f"{key}.spacy", nlp.vocab)
        stats[key] = {"docs": len(part), "words": sum(len(d) for d in part),
                      "sentences": sum(1 for d in part for _ in d.sents)}
    (CORPUS / "stats.json").write_text(json.dumps(stats, indent=2))
    log(f"converted: {json.dumps(stats)}")


# ------------------------------------------------------------------------------------- train

def _train(config: Path, output: Path, overrides: dict, normal_stop: str) -> tuple[float, str]:
    """spacy train in-process; returns the minutes it took and what stopped it."""
    from spacy.cli.train import train as spacy_train

    t0 = time.time()
    stopped_by = normal_stop
    try:
        spacy_train(config, output, use_gpu=-1, overrides=overrides)
    except TimeLimitReached as e:
        stopped_by = f"time limit ({e})"
    return (time.time() - t0) / 60, stopped_by


def stage_train(max_minutes, config=CONFIG):

    if max_minutes is not None:
        _TIME_LIMIT_OVERRIDE["minutes"] = max_minutes
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    overrides = {"paths.train": str(CORPUS / "train.spacy"), "paths.dev": str(CORPUS / "dev.spacy")}
    minutes, stopped_by = _train(config, OUTPUT, overrides, "max_steps/patience")
    info = {"train_minutes": round(minutes, 1), "stopped_by": stopped_by}
    (OUTPUT / "train_info.json").write_text(json.dumps(info, indent=2))
    log(f"training done in {minutes:.1f} min, stopped by {stopped_by}")


def dev_scores(model_dir):
    perf = json.loads((model_dir / "meta.json").read_text()).get("performance") or {}
    return {k: round(v * 100, 2) for k, v in perf.items() if isinstance(v, float) and k in KEYS}


def best_model_path():
    """The final model: the best dev checkpoint (model-last if training never evaluated)."""
    best = OUTPUT / "model-best"
    return best if best.exists() else OUTPUT / "model-last"


# ---------------------------------------------------------------------------------- evaluate
KEYS = ["pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p", "sents_r",
        "sents_f"]
WATCH_LABELS = ["nsubj", "obj", "iobj", "obl", "nsubj:pass", "obl:agent", "ccomp", "xcomp",
                "conj", "appos", "nmod", "advcl", "acl", "acl:relcl", "compound", "flat"]


def stage_evaluate():
    """Gold UD words, everything else predicted, in three groupings of the same sentences:
    paragraphs (one Doc per paragraph, as the coder parses text; the goal figures), ten
    sentences per Doc (also across paragraph and document breaks, with no cue for them), and
    one sentence per Doc (gold segmentation, the usual figure in parsing papers)."""
    nlp = spacy.load(best_model_path())
    results = {}
    for key, title in EVAL_SETS.items():
        docs = read_docs(RAW / f"{key}.spacy", nlp.vocab)
        paragraphs = paragraph_docs(docs, SOURCES[key])
        t0 = time.time()
        scores = _evaluate(nlp, paragraphs)
        r = {"name": title, "words": sum(len(d) for d in docs),
             "sentences": sum(1 for d in docs for _ in d.sents), "paragraphs": len(paragraphs)}
        r.update(_percent(scores, KEYS))
        per = scores.get("dep_las_per_type") or {}
        r["las_per_label_f"] = {lab: round(per[lab]["f"] * 100, 1) for lab in WATCH_LABELS
                                if lab in per}
        r["eval_seconds"] = round(time.time() - t0, 1)
        r["ten_sentence_docs"] = _percent(_evaluate(nlp, docs), ("dep_uas", "dep_las", "sents_f"))
        r["gold_sentences"] = _percent(_evaluate(nlp, gold_sentences(docs)),
                                       ("pos_acc", "dep_uas", "dep_las"))
        results[key] = r
        ten, gold = r["ten_sentence_docs"], r["gold_sentences"]
        log(f"{title}: UPOS {r['pos_acc']} XPOS {r['tag_acc']} lemma {r['lemma_acc']} "
            f"UAS {r['dep_uas']} LAS {r['dep_las']} sents_f {r['sents_f']} (paragraphs); "
            f"UAS {ten['dep_uas']} LAS {ten['dep_las']} (10-sentence docs); "
            f"UAS {gold['dep_uas']} LAS {gold['dep_las']} (gold sentences)")
    metrics = _load_metrics()
    metrics["evaluation"] = results
    metrics["evaluation_note"] = (
        "Gold UD tokenisation. Main figures: one doc per paragraph (# newpar / # newdoc of the "
        "CoNLL-U file), sentence boundaries predicted by the parser, as the coder parses text; "
        "ten_sentence_docs: 10 consecutive sentences per doc, across paragraph and document "
        "breaks; gold_sentences: one sentence per doc. UAS/LAS include punctuation (spaCy "
        "scorer). Figures in percent."
    )
    metrics["model_source"] = str(best_model_path().relative_to(HERE))
    _save_metrics(metrics)


def _evaluate(nlp, gold_docs):
    from spacy.training import Example

    return nlp.evaluate([Example(_words_doc(nlp, d), d) for d in gold_docs], batch_size=256)


def _percent(scores, keys):
    return {k: round(scores[k] * 100, 2) if isinstance(scores.get(k), float) else scores.get(k)
            for k in keys}


def paragraph_starts(conllu: Path) -> list[bool]:
    """Per sentence of a CoNLL-U file: does it open a paragraph (# newpar) or a document
    (# newdoc)? The coder parses one paragraph per spaCy Doc, so this is the unit it sees."""
    starts, opened = [], True
    for line in conllu.read_text(encoding="utf-8").splitlines():
        if line.startswith(("# newpar", "# newdoc")):
            opened = True
        elif line and line[0].isdigit() and line.split("\t", 1)[0] == "1":
            starts.append(opened)
            opened = False
    return starts


def gold_sentences(docs):
    return [s.as_doc() for d in docs for s in d.sents]


def paragraph_docs(docs, conllu: Path):
    """Regroup the gold sentences of docs into one Doc per paragraph of the source file."""
    from spacy.tokens import Doc

    sents = gold_sentences(docs)
    starts = paragraph_starts(conllu)
    if len(starts) != len(sents):
        sys.exit(f"{conllu}: {len(starts)} sentences in the file, {len(sents)} converted")
    groups = []
    for sent, start in zip(sents, starts):
        if start or not groups:
            groups.append([])
        groups[-1].append(sent)
    return [Doc.from_docs(g, ensure_whitespace=True) for g in groups]


def _words_doc(nlp, gold):
    """Predicted-side doc with the gold words and spaces (no annotation)."""
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])


def _load_metrics():
    return json.loads(METRICS.read_text()) if METRICS.exists() else {}


def _save_metrics(m):
    METRICS.write_text(json.dumps(m, indent=2, ensure_ascii=False) + "\n")


# ------------------------------------------------------------------------------------- speed
SPEED_CODE = r"""
import os, sys, time, json
try:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
except Exception:
    pass
import spacy
from spacy.tokens import DocBin
nlp = spacy.load(sys.argv[1])
texts = [d.text for d in DocBin().from_disk(sys.argv[2]).get_docs(nlp.vocab)]
list(nlp.pipe(texts[:20]))  # warm up
runs = []
for _ in range(3):
    t0 = time.perf_counter()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    runs.append(n / (time.perf_counter() - t0))
print(json.dumps({"words": n, "runs_wps": [round(r) for r in runs]}))
"""


def stage_speed():
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", SPEED_CODE, str(best_model_path()),
                          str(RAW / "pud_test.spacy")],
                         check=True, capture_output=True, text=True, env=env).stdout
    res = json.loads(out.strip().splitlines()[-1])
    res["wps_median"] = sorted(res["runs_wps"])[1]
    res["wps_best"] = max(res["runs_wps"])
    res["setup"] = ("full pipeline incl. tokenizer on raw PUD text (1,000 sentences, 10 per doc), "
                    "nlp.pipe batch_size=64, one thread pinned to one core, 3 runs after warm-up; "
                    "machine shared with other jobs, so treat as a lower bound")
    metrics = _load_metrics()
    metrics["speed"] = res
    _save_metrics(metrics)
    log(f"speed: {res}")


# ----------------------------------------------------------------------------------- package
def stage_package():
    nlp = spacy.load(best_model_path())
    # The training-only callback must not be needed to load the packaged model.
    nlp._config["training"]["before_update"] = None
    for k in ("train", "dev"):
        nlp._config["paths"][k] = None
        nlp._config["corpora"][k]["path"] = None
    metrics = _load_metrics()
    ev = metrics.get("evaluation", {})
    meta = nlp.meta
    enc = nlp.config["components"]["tok2vec"]["model"]["encode"]
    meta.update({
        "lang": "en",
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "spacy_version": ">=3.8.0,<3.9.0",
        "description": (
            "eventcoder's own small English pipeline: tok2vec (hash-embedding CNN, width "
            f"{enc['width']}, depth {enc['depth']}), tagger (PTB XPOS), morphologizer (UPOS + UD features), trainable "
            "edit-tree lemmatizer, transition-based dependency parser with UD v2 labels; "
            "sentence boundaries from the parser. No word vectors, no NER. Trained on UD "
            "English-EWT train + the CC BY / BY-SA part of UD English-GUM train."
        ),
        "author": "eventcoder project",
        "url": "",
        "license": "CC BY-SA 4.0",
        "sources": [
            {"name": "UD_English-EWT v2.15 (train; dev for model selection)",
             "url": "https://github.com/UniversalDependencies/UD_English-EWT",
             "license": "CC BY-SA 4.0",
             "author": "Silveira et al. 2014; Universal Dependencies contributors"},
            {"name": "UD_English-GUM, CC BY / BY-SA / public-domain genres only (train; dev "
                     "for model selection): news, interview, bio, voyage, textbook, vlog, "
                     "speech, conversation",
             "url": "https://github.com/UniversalDependencies/UD_English-GUM",
             "license": "CC BY / CC BY-SA (per source text)",
             "author": "Zeldes 2017, The GUM Corpus, Language Resources and Evaluation 51(3)"},
        ],
        "performance_notes": ("Gold UD tokens, one doc per paragraph, sentence boundaries predicted "
                              "(training/metrics.json has the other groupings); percent."),
        "performance": {
            f"{k}_{m}": ev[k][m] for k in ev for m in ("pos_acc", "lemma_acc", "dep_uas",
                                                       "dep_las")
        },
        "speed_wps_one_core": metrics.get("speed", {}).get("wps_median"),
    })
    # Write to a sibling temp dir, check it, then swap it in atomically.
    MODEL_DIR.parent.mkdir(parents=True, exist_ok=True)
    tmp = MODEL_DIR.with_name(f".{MODEL_DIR.name}.new-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    # meta.json is written by to_disk from nlp.meta; make sure our fields won.
    m = json.loads((tmp / "meta.json").read_text())
    m.update({k: meta[k] for k in ("name", "version", "spacy_version", "license", "sources")})
    (tmp / "meta.json").write_text(json.dumps(m, indent=2, ensure_ascii=False) + "\n")
    size = sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file())
    subprocess.run([sys.executable, "-c", "import spacy,sys; spacy.load(sys.argv[1])", str(tmp)],
                   check=True)
    _swap_in(tmp, MODEL_DIR)
    # Check the package loads in a fresh interpreter without this script's registrations.
    check = subprocess.run(
        [sys.executable, "-c",
         "import spacy,sys; nlp=spacy.load(sys.argv[1]); d=nlp('Rebels were attacked by "
         "government troops in the north on Monday. The UN condemned the attack.');"
         "print(nlp.pipe_names, [(t.text,t.pos_,t.lemma_,t.dep_,t.head.i) for t in d], "
         "len(list(d.sents)))", str(MODEL_DIR)],
        check=True, capture_output=True, text=True)
    log(f"packaged {MODEL_DIR} ({size / 1e6:.1f} MB); smoke test: {check.stdout.strip()}")
    metrics = _load_metrics()
    metrics["package"] = {"path": str(MODEL_DIR.relative_to(REPO)), "bytes": size,
                          "megabytes": round(size / 1e6, 2), "name": MODEL_NAME,
                          "version": MODEL_VERSION, "spacy_version_built": spacy.__version__}
    info = OUTPUT / "train_info.json"
    if info.exists():
        metrics["training"] = json.loads(info.read_text())
        metrics["training"]["dev_scores_of_best_checkpoint"] = dev_scores(best_model_path())
    _save_metrics(metrics)


def _swap_in(new, dst):
    """Replace directory dst by new: renameat2(RENAME_EXCHANGE) where available (one atomic
    step), else two renames. The old directory is then removed."""
    import ctypes

    if not dst.exists():
        new.rename(dst)
        return
    old = dst.with_name(f".{dst.name}.old-{os.getpid()}")
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        AT_FDCWD, RENAME_EXCHANGE = -100, 2
        ok = libc.renameat2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(dst),
                            RENAME_EXCHANGE) == 0
    except (AttributeError, OSError):
        ok = False
    if ok:
        new.rename(old)  # new now holds the old model
    else:
        dst.rename(old)
        new.rename(dst)
    shutil.rmtree(old)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stages", default="convert,train,evaluate,speed,package")
    ap.add_argument("--max-minutes", type=float, default=None,
                    help="wall-clock limit for training (default: config.cfg, 48 min)")
    ap.add_argument("--config", type=Path, default=CONFIG,
                    help="training config (default: config.cfg; experiments/ holds runs not shipped)")
    args = ap.parse_args()
    stages = args.stages.split(",")
    t0 = time.time()
    for st in stages:
        log(f"stage {st}")
        if st == "convert":
            stage_convert()
        elif st == "train":
            stage_train(args.max_minutes, args.config)
        elif st == "evaluate":
            stage_evaluate()
        elif st == "speed":
            stage_speed()
        elif st == "package":
            stage_package()
        else:
            sys.exit(f"unknown stage {st}")
    log(f"all stages done in {(time.time() - t0) / 60:.1f} min")


if __name__ == "__main__":
    main()
