#!/usr/bin/env python
"""Train eventcoder's own small English spaCy pipeline on Universal Dependencies.

Run from anywhere with the project's virtualenv:

    /work/main/.venv/bin/python /work/main/training/train_parser.py

Stages (all but finetune run by default; pick some with --stages convert,train,finetune,evaluate,speed,package):

  convert   CoNLL-U -> .spacy (spacy convert, 10 sentences per doc); EWT train + GUM(CC BY) train
            are merged into corpus/train.spacy, EWT dev + GUM dev into corpus/dev.spacy.
            EWT test, GUM test and PUD are converted for evaluation only.
  train     spaCy training on CPU with config.cfg (output in training/output/), bounded by
            [training] max_steps/patience and a wall-clock limit (--max-minutes).
  finetune  stage 2: finetune.cfg sources every component (and the tokenizer and vocab) from
            output/model-best and trains on the same data with a learning rate that warms up to
            0.0005 and decays linearly to 0 (max_steps 6000, wall-clock limit --finetune-minutes,
            default 30); output in training/output/finetune/. Its best dev checkpoint becomes the
            final model only if its dev score (the model-selection score) beats stage 1's.
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
FINETUNE_CONFIG = HERE / "finetune.cfg"
FINETUNE_OUTPUT = OUTPUT / "finetune"
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


@registry.callbacks("eventcoder.restore_lemmatizer_labels.v1")
def make_restore_lemmatizer_labels():
    """[initialize.after_init] callback for resumed training of a sourced trainable_lemmatizer.

    spaCy 3.8's EditTreeLemmatizer.from_disk/from_bytes restores cfg["labels"] and the trees but
    not the tree -> label index (tree2label) that get_loss uses, so a sourced lemmatizer would be
    trained towards label 0 for every token (dev lemma accuracy falls from 96 to 77 within 100
    steps). Rebuild the index from the loaded labels."""

    def after_init(nlp):
        for name, proc in nlp.components:
            if hasattr(proc, "tree2label") and not proc.tree2label:
                for label, tree_id in enumerate(proc.cfg.get("labels", [])):
                    proc.tree2label[tree_id] = label
                log(f"{name}: restored {len(proc.tree2label)} edit-tree labels")
        return nlp

    return after_init


@registry.optimizers("eventcoder.Adam_resumed_averages.v1")
def make_adam_resumed_averages(
    learn_rate=0.001, L2=0.01, beta1=0.9, beta2=0.999, eps=1e-08, grad_clip=1.0,
    L2_is_weight_decay=True, average_offset: int = 11500,
):
    """Adam (as Adam.v1, with use_averages) whose parameter averages continue from a checkpoint.

    thinc starts each parameter average at zeros, with decay (1 + t) / (10 + t) on update t, so
    a resumed run's averages first shrink the weights and then average only over the few
    steps of the new run. Here each average starts at the checkpoint's weights (the stage-1
    averages) and uses t + average_offset for its decay, i.e. the checkpoint counts as
    average_offset earlier updates and the new updates take over gradually. Adam's own step
    count (bias correction) is unchanged."""
    from thinc.api import Optimizer
    from thinc.backends import get_array_ops

    class _Adam(Optimizer):
        __slots__ = ["average_offset"]

        def __call__(self, key, weights, gradient, *, lr_scale=1.0):
            averages = self.averages
            if averages is None or len(gradient) < 1:
                return super().__call__(key, weights, gradient, lr_scale=lr_scale)
            if key not in averages:
                averages[key] = weights.copy()
            self.averages = None
            try:
                weights, gradient = super().__call__(key, weights, gradient, lr_scale=lr_scale)
            finally:
                self.averages = averages
            ops = get_array_ops(weights)
            ops.update_averages(averages[key], weights, self.nr_update[key] + self.average_offset)
            return weights, gradient

    opt = _Adam(learn_rate, L2=L2, beta1=beta1, beta2=beta2, eps=eps, grad_clip=grad_clip,
                use_averages=True, use_radam=False, L2_is_weight_decay=L2_is_weight_decay)
    opt.average_offset = average_offset
    return opt


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


def stage_train(max_minutes):

    if max_minutes is not None:
        _TIME_LIMIT_OVERRIDE["minutes"] = max_minutes
    if OUTPUT.exists():
        shutil.rmtree(OUTPUT)
    overrides = {"paths.train": str(CORPUS / "train.spacy"), "paths.dev": str(CORPUS / "dev.spacy")}
    minutes, stopped_by = _train(CONFIG, OUTPUT, overrides, "max_steps/patience")
    info = {"train_minutes": round(minutes, 1), "stopped_by": stopped_by}
    (OUTPUT / "train_info.json").write_text(json.dumps(info, indent=2))
    log(f"training done in {minutes:.1f} min, stopped by {stopped_by}")


# model-selection score, the same weights as [training.score_weights] of both configs
SCORE_WEIGHTS = {"dep_las": 0.4, "dep_uas": 0.2, "pos_acc": 0.2, "lemma_acc": 0.1,
                 "tag_acc": 0.05, "morph_acc": 0.05}


def dev_scores(model_dir):
    perf = json.loads((model_dir / "meta.json").read_text()).get("performance") or {}
    return {k: round(v * 100, 2) for k, v in perf.items() if isinstance(v, float) and k in KEYS}


def dev_score(model_dir):
    perf = json.loads((model_dir / "meta.json").read_text()).get("performance") or {}
    return sum(w * perf.get(k, 0.0) for k, w in SCORE_WEIGHTS.items())


def stage_finetune(max_minutes):

    source = OUTPUT / "model-best"
    if not source.exists():
        sys.exit(f"finetune needs the stage-1 checkpoint {source}; run the train stage first")
    _TIME_LIMIT_OVERRIDE["minutes"] = max_minutes  # None: finetune.cfg's own limit (30 min)
    if FINETUNE_OUTPUT.exists():
        shutil.rmtree(FINETUNE_OUTPUT)
    overrides = {"paths.source": str(source), "paths.train": str(CORPUS / "train.spacy"),
                 "paths.dev": str(CORPUS / "dev.spacy")}
    minutes, stopped_by = _train(FINETUNE_CONFIG, FINETUNE_OUTPUT, overrides, "max_steps")
    best = FINETUNE_OUTPUT / "model-best"
    before, after = dev_score(source), dev_score(best)
    info = {"train_minutes": round(minutes, 1), "stopped_by": stopped_by,
            "dev_score_stage1": round(before * 100, 3), "dev_score_finetuned": round(after * 100, 3),
            "used": after > before}
    (FINETUNE_OUTPUT / "train_info.json").write_text(json.dumps(info, indent=2))
    log(f"finetuning done in {minutes:.1f} min, stopped by {stopped_by}; dev score "
        f"{before * 100:.3f} -> {after * 100:.3f}; "
        f"{'using the finetuned model' if info['used'] else 'keeping the stage-1 model'}")


def best_model_path():
    """The final model: the finetuned checkpoint if stage 2 ran and beat stage 1 on dev."""
    info = FINETUNE_OUTPUT / "train_info.json"
    if info.exists() and json.loads(info.read_text()).get("used"):
        return FINETUNE_OUTPUT / "model-best"
    best = OUTPUT / "model-best"
    return best if best.exists() else OUTPUT / "model-last"


# ---------------------------------------------------------------------------------- evaluate
KEYS = ["pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p", "sents_r",
        "sents_f"]
WATCH_LABELS = ["nsubj", "obj", "iobj", "obl", "nsubj:pass", "obl:agent", "ccomp", "xcomp",
                "conj", "appos", "nmod", "advcl", "acl", "acl:relcl", "compound", "flat"]


def stage_evaluate():
    from spacy.training import Example

    nlp = spacy.load(best_model_path())
    results = {}
    for key, title in EVAL_SETS.items():
        docs = read_docs(RAW / f"{key}.spacy", nlp.vocab)
        examples = [Example(_words_doc(nlp, d), d) for d in docs]
        t0 = time.time()
        scores = nlp.evaluate(examples, batch_size=256)
        r = {"name": title, "words": sum(len(d) for d in docs),
             "sentences": sum(1 for d in docs for _ in d.sents)}
        for k in KEYS:
            v = scores.get(k)
            r[k] = round(v * 100, 2) if isinstance(v, float) else v
        per = scores.get("dep_las_per_type") or {}
        r["las_per_label_f"] = {lab: round(per[lab]["f"] * 100, 1) for lab in WATCH_LABELS
                                if lab in per}
        r["eval_seconds"] = round(time.time() - t0, 1)
        results[key] = r
        log(f"{title}: UPOS {r['pos_acc']} XPOS {r['tag_acc']} lemma {r['lemma_acc']} "
            f"UAS {r['dep_uas']} LAS {r['dep_las']} sents_f {r['sents_f']}")
    metrics = _load_metrics()
    metrics["evaluation"] = results
    metrics["evaluation_note"] = (
        "Gold UD tokenisation (words of the .spacy docs), 10 sentences per doc, sentence "
        "boundaries predicted by the parser; UAS/LAS include punctuation (spaCy scorer). "
        "Figures in percent."
    )
    metrics["model_source"] = str(best_model_path().relative_to(HERE))
    _save_metrics(metrics)


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
    for k in ("before_init", "after_init"):  # finetune-only callbacks (copy from stage 1 etc.)
        nlp._config["initialize"][k] = None
    nlp._config["paths"].pop("source", None)
    opt = nlp._config["training"]["optimizer"]  # finetune's optimizer is Adam.v1 + an offset
    if opt.get("@optimizers") == "eventcoder.Adam_resumed_averages.v1":
        opt["@optimizers"] = "Adam.v1"
        opt.pop("average_offset", None)
        opt["use_averages"] = True
    for k in ("train", "dev"):
        nlp._config["paths"][k] = None
        nlp._config["corpora"][k]["path"] = None
    metrics = _load_metrics()
    ev = metrics.get("evaluation", {})
    meta = nlp.meta
    meta.update({
        "lang": "en",
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "spacy_version": ">=3.8.0,<3.9.0",
        "description": (
            "eventcoder's own small English pipeline: tok2vec (hash-embedding CNN, width 96, "
            "depth 4), tagger (PTB XPOS), morphologizer (UPOS + UD features), trainable "
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
        "performance_notes": "Evaluated on gold UD tokens; percent.",
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
    training = {}
    for key, out in (("stage1", OUTPUT), ("finetune", FINETUNE_OUTPUT)):
        info = out / "train_info.json"
        if info.exists():
            training[key] = json.loads(info.read_text())
            training[key]["dev_scores_of_best_checkpoint"] = dev_scores(out / "model-best")
    if training:
        training["final_model"] = str(best_model_path().relative_to(HERE))
        metrics["training"] = training
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
    # finetune is optional: it did not beat the stage-1 checkpoint (see README), and the default recipe
    # must stay within about an hour on this 2-core machine.
    ap.add_argument("--stages", default="convert,train,evaluate,speed,package")
    ap.add_argument("--max-minutes", type=float, default=None,
                    help="wall-clock limit for training (default: config.cfg, 48 min)")
    ap.add_argument("--finetune-minutes", type=float, default=None,
                    help="wall-clock limit for finetuning (default: finetune.cfg, 30 min)")
    args = ap.parse_args()
    stages = args.stages.split(",")
    t0 = time.time()
    for st in stages:
        log(f"stage {st}")
        if st == "convert":
            stage_convert()
        elif st == "train":
            stage_train(args.max_minutes)
        elif st == "finetune":
            stage_finetune(args.finetune_minutes)
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
