"""Import PETRARCH-format dictionaries (actors, agents, verbs, discards) into our YAML ontology.

`import_petrarch(sources, out_dir)` reads the flat-text dictionaries of the PETRARCH family of
event coders and writes an ontology folder that `load_ontology([out_dir])` loads on its own: the
converted actors, agents, verb patterns and discards, plus a copy of our CAMEO codebook.

What maps to what:

* **Actors** (`PHRASE_WITH_UNDERSCORES [CODE]`, `+SYNONYM` lines, indented `[CODE <date]`,
  `[CODE >date]`, `[CODE date-date]`): an entry with dated codes becomes a `people` entry whose
  roles are the dated codes in file order (PETRARCH tries them in that order too) and whose `code`
  is the undated code; an undated entry with a bare three-letter code becomes a `countries` entry
  (so that, as in PETRARCH, an agent after it composes: `Gondor's government` -> GONGOV); any other
  undated entry becomes an `organisations` entry, its type guessed from the code (IGO, NGO, IMG...).
  A phrase with no code takes the codes of the next coded entry, as PETRARCH's reader does.
  People get `surname: null`: PETRARCH never matches a surname alone.
* **Agents** (`PHRASE {PLURAL} [~CODE]`, `!SET! = A, B` substitution sets): one `agents` entry per
  line, with the substitutions expanded and the explicit plural added. `NGO~` (a code put *before*
  the actor's code) has no equivalent: it is written as an ordinary suffix and noted.
* **Verbs** (`&SYNSET` blocks, `--- NAME [code] ---` blocks of verbs and `- pre * post [code]`
  pattern lines): synonym sets become file-local synsets (plurals added, nested sets expanded);
  each verb becomes a bare pattern with its own or the block's code; each pattern line becomes one
  pattern that starts with the verb (the verb's lemma when the block has one verb, otherwise a
  synset `V_<BLOCK>` of every form of every verb in the block). `{NOUN PHRASE}` words stay
  together; top-level elements and `(PREP object)` phrases are joined with `*` gaps, since PETRARCH
  matches them anywhere in the parse constituent; `^` skips become `*`; `+` and `$` after the verb
  become slots. A pattern with words before the verb starts on its first pre-verb word instead
  (`- {DEATH TOLL} * [190]` -> `death toll * &V_RISEN`). A leading `$` is dropped (the subject is
  the source anyway); `%` (compound subject, reciprocal events) is dropped with a note.
* **Discards**: one line a phrase; `+` marks an article-level (story) discard.
* Issue-coding files have no equivalent kind; they are reported, not converted.

Codes our schemas reject are mapped and noted: actor codes are upper-cased, `A/B` keeps the first
code, numeric sub-codes (`NGOCHRPRO214` -> `NGOCHRPRO`) are dropped, and a code whose length is not
a multiple of three is cut to its whole three-letter groups (`YEMNO` -> `YEM`). Event codes
`A:B` keep the first code; PETRARCH's null code `---` becomes `"00"`, a code outside the codebook:
the pattern still matches (and so still overrides shorter ones) but codes nothing, as in PETRARCH.
Anything that cannot be converted is listed in `ImportReport.skipped` with its file:line.

Modules: ``sources`` (which files, which kind), ``reading`` (the flat-text format), ``actors``,
``agents``, ``discards``, ``verb_file`` / ``synsets`` / ``patterns`` / ``verbs`` (verb dictionaries),
``write`` (YAML out), ``report`` (ImportReport).
"""
from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from coder.ontology.petrarch.actors import NON_COUNTRY, OPEN_START, _convert_actors, _read_actors
from coder.ontology.petrarch.agents import _read_agents
from coder.ontology.petrarch.discards import _read_discards
from coder.ontology.petrarch.reading import _read_lines
from coder.ontology.petrarch.report import ImportReport
from coder.ontology.petrarch.sources import _codebook_codes, _expand_sources, _iso2_table, _source_kind
from coder.ontology.petrarch.verbs import NULL_EVENT, _convert_verbs
from coder.ontology.petrarch.write import GENERATED, _clear_generated, _write

__all__ = ["import_petrarch", "ImportReport", "GENERATED", "NULL_EVENT", "OPEN_START", "NON_COUNTRY"]

# Key order of the entries written per actor kind.
_ACTOR_ORDERS = {"countries": ("code", "iso2", "name", "names"),
                 "organisations": ("code", "name", "type", "country", "phrases", "note"),
                 "people": ("name", "aliases", "surname", "country", "code", "note", "roles")}


def import_petrarch(sources: list[Path], out_dir: Path, *, codebook: Path | None = None) -> ImportReport:
    """Convert PETRARCH dictionaries (files, or folders of `.txt` files) into an ontology folder.

    The folder gets one YAML file per source dictionary and kind, plus a copy of the codebook, so
    `load_ontology([out_dir])` loads it on its own. Returns counts and every unconverted entry."""
    from coder.ontology.load import default_ontology_dir

    began = time.perf_counter()
    report = ImportReport()
    out_dir = Path(out_dir)
    codebook = Path(codebook) if codebook else default_ontology_dir() / "codebook" / "cameo.yaml"
    if not codebook.is_file():
        raise FileNotFoundError(f"codebook not found: {codebook}")
    files = _expand_sources(list(sources))
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_generated(out_dir)
    codes = _codebook_codes(codebook)
    iso2: dict[str, str] | None = None
    used: set[str] = set()

    def target(sub: str, stem: str) -> Path:
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem)
        path = out_dir / sub / f"{name}.yaml"
        n = 2
        while str(path) in used:
            path = out_dir / sub / f"{name}_{n}.yaml"
            n += 1
        used.add(str(path))
        report.files.append(path)
        return path

    for path in files:
        kind = _source_kind(path)
        stem = path.stem
        if kind == "actors":
            if iso2 is None:
                iso2 = _iso2_table()
            converted = _convert_actors(_read_actors(path, report), report, iso2)
            for out_kind, entries in converted.items():
                if entries:
                    _write(target("actors", f"{stem}.{out_kind}"), out_kind, path.name, entries,
                           order=_ACTOR_ORDERS[out_kind])
                    report.counts[out_kind] += len(entries)
        elif kind == "agents":
            entries = _read_agents(path, report)
            _write(target("actors", f"{stem}.agents"), "agents", path.name, entries, order=("code", "phrases", "note"))
            report.counts["agents"] += len(entries)
        elif kind == "discards":
            entries = _read_discards(path, report)
            _write(target("", f"{stem}.discards"), "discards", path.name, entries,
                   order=("phrase", "scope", "reason"))
            report.counts["discards"] += len(entries)
        elif kind == "verbs":
            synsets, entries, count = _convert_verbs(path, report, codes)
            _write(target("verbs", stem), "verbs", path.name, entries, synsets,
                   order=("code", "note", "verbs", "nouns"))
            report.counts["verb patterns"] += count
            report.counts["synsets"] += len(synsets)
        else:
            lines = _read_lines(path)
            report.read["issue phrases"] += len(lines)
            report.skip(f"{path.name}:{lines[0].number if lines else 1}",
                        f"issue coding: {len(lines)} issue/topic lines have no equivalent kind in our ontology")
    copy = out_dir / "codebook" / "cameo.yaml"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(codebook, copy)
    report.files.append(copy)
    report.seconds = time.perf_counter() - began
    return report
