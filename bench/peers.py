"""TABARI and eventcoder shallow on the same real-news sentences: both rates and their ratio.

    .venv/bin/python bench/peers.py --tabari PATH/TO/TABARI --dictionaries DIR [--articles 400] [--repeat 3]
    .venv/bin/python bench/peers.py --tabari PATH/TO/TABARI --project YOUR.project

TABARI (GPL) is not part of eventcoder: build it yourself (bench/README.md says where to get it and
how). Without a binary, or without its dictionaries, this script prints one line saying what to pass
and exits 0.

The articles are split into sentences by eventcoder's own segmenter, and TABARI gets one record per
sentence in its text format (a `YYMMDD ID` line, the text wrapped at 70 columns, a blank line), so
both coders read the same sentences. TABARI runs with a project file written here (`--dictionaries`:
every *.actors file, the *.verbs file and the *.options file of that folder; or `--project`: your own
project file, with its input, output and coder lines replaced), in a work folder where its files are
linked (TABARI keeps file names in 64 bytes). Its CPU time is that of the child
process, less the CPU time of the same run on a one-record input (loading its dictionaries), so both
coders are timed in steady state; the events are the lines of its <outputfile>.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
from pathlib import Path
from typing import Iterable, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

USAGE = ("peers.py: no TABARI binary given or found: pass --tabari PATH (built as bench/README.md says) "
         "and --dictionaries DIR (its .actors, .verbs and .options files) to compare")
NO_DICTIONARIES = "peers.py: TABARI found at {binary}, but no dictionaries: pass --dictionaries DIR or --project FILE"

# A TABARI event line: a 6- or 8-digit date, then source, target and event code (tab-separated in
# TABARI's event files; whitespace accepted too).
EVENT_LINE = re.compile(r"^\d{6}(?:\d{2})?(?:\t|\s+)\S+(?:\t|\s+)\S+(?:\t|\s+)\S+")


# TABARI's input and project files ---------------------------------------------------------------

def ascii_text(text: str) -> str:
    """TABARI reads ASCII: accents dropped, other characters removed, whitespace folded."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.split())


def tabari_record(date: str, record_id: str, text: str, width: int = 70) -> str:
    """One record of TABARI's text format: `YYMMDD ID`, the text wrapped at `width`, a blank line.
    `date` is an ISO date (2016-01-31 -> 160131)."""
    yymmdd = date[2:4] + date[5:7] + date[8:10]
    if not re.fullmatch(r"\d{6}", yymmdd):
        raise ValueError(f"not an ISO date: {date!r}")
    if not text.strip():
        raise ValueError(f"record {record_id}: no text")
    return f"{yymmdd} {record_id}\n" + "\n".join(textwrap.wrap(ascii_text(text), width)) + "\n\n"


def write_tabari_input(sentences: Iterable[tuple[str, str, str]], path: Path) -> int:
    """Write (date, record id, sentence) triples as TABARI records; return how many were written."""
    count = 0
    with path.open("w", encoding="ascii", newline="\n") as out:
        for date, record_id, text in sentences:
            if ascii_text(text):
                out.write(tabari_record(date, record_id, text))
                count += 1
    return count


DICTIONARY_PATTERNS = {"actorsfile": ("*.actors", "*.actors.txt"), "verbsfile": ("*.verbs", "*.verbs.txt"),
                       "optionsfile": ("*.options",)}
# Project-file lines peers.py writes itself: TABARI's input, output and error files, its coder id and the
# <session ...> lines TABARI appends to the project file after each run.
OWN_KEYWORDS = ("textfile", "eventfile", "outputfile", "problemfile", "errorfile", "coder", "session")
# Below this much CPU time (after start-up), TABARI's rate varies by a third from run to run.
SHORT_RUN = 1.0
# TABARI keeps every file name of a project in a 64-byte buffer.
MAX_NAME = 63


def dictionary_files(directory: Path) -> dict[str, list[Path]]:
    """The project-file entries for a dictionary folder: every *.actors (or *.actors.txt) file, the
    *.verbs (or *.verbs.txt) file and the *.options file."""
    found = {keyword: sorted({p for pattern in patterns for p in directory.glob(pattern)})
             for keyword, patterns in DICTIONARY_PATTERNS.items()}
    if not found["actorsfile"] or len(found["verbsfile"]) != 1 or len(found["optionsfile"]) > 1:
        raise ValueError(f"{directory}: expected one or more *.actors, one *.verbs and at most one *.options file; "
                         f"found {', '.join(p.name for paths in found.values() for p in paths) or 'none'} "
                         "(or pass --project)")
    return found


def short_name(path: Path, work: Path) -> str:
    """The name a project file in `work` uses for `path`: TABARI runs in `work`, and its file names must
    fit in 63 characters, so a file outside `work` gets a symbolic link there under its own name."""
    path = Path(path)
    if path.parent.resolve() != work.resolve():
        link = work / path.name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(path.resolve())
    if len(path.name) > MAX_NAME:
        raise ValueError(f"{path.name}: TABARI takes file names of at most {MAX_NAME} characters")
    return path.name


def project_text(files: dict[str, list[Path]], textfile: Path, outputfile: Path, coder: str = "peers") -> str:
    """A TABARI project file for a run in the folder of `textfile`: one `<keyword> name` line per
    dictionary, then the text file, the <outputfile> (one fixed name: an <eventfile> gets a session
    number appended) and the <coder> id (without one TABARI stops to ask for it)."""
    work = Path(textfile).parent
    entries = [(keyword, short_name(path, work)) for keyword, paths in files.items() for path in paths]
    entries += _run_entries(textfile, outputfile, coder)
    return "".join(f"<{keyword}> {value}\n" for keyword, value in entries)


def _run_entries(textfile: Path, outputfile: Path, coder: str) -> list[tuple[str, str]]:
    """The project lines of this run (`OWN_KEYWORDS`): its input, its output and the coder id."""
    work = Path(textfile).parent
    return [("textfile", short_name(textfile, work)), ("outputfile", short_name(outputfile, work)), ("coder", coder)]


def retarget_project(template: str, folder: Path, textfile: Path, outputfile: Path, coder: str = "peers") -> str:
    """The user's project file (read from `folder`) for a run in the folder of `textfile`: its other
    files linked there, its input, output, coder and session lines replaced by ours."""
    work = Path(textfile).parent
    lines = []
    for line in template.splitlines():
        match = re.match(r"\s*<(\w+)[^>]*>\s*(.*?)\s*$", line)
        keyword = match.group(1).lower() if match else ""
        if keyword in OWN_KEYWORDS:
            continue
        if keyword.endswith("file") and match.group(2):
            path = Path(match.group(2))
            line = f"<{match.group(1)}> {short_name(path if path.is_absolute() else folder / path, work)}"
        lines.append(line)
    lines += [f"<{keyword}> {value}" for keyword, value in _run_entries(textfile, outputfile, coder)]
    return "\n".join(lines) + "\n"


def count_events(lines: Iterable[str]) -> int:
    """Event lines in TABARI output (other lines, such as headers or blank lines, are not events)."""
    return sum(1 for line in lines if EVENT_LINE.match(line))


# Running TABARI --------------------------------------------------------------------------------

def find_tabari(given: Path | None) -> Path | None:
    if given is not None:
        return given if given.is_file() else None
    for name in ("TABARI", "tabari"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def run_tabari(binary: Path, args: list[str], project: Path, outputfile: Path, timeout: float) -> tuple[float, int]:
    """Run TABARI on `project` in its folder: (CPU seconds of the child, events written).

    TABARI takes the project name up to the next `-` on its command line, so it gets the bare name
    (run in the project's folder); it draws its screen with curses, so TERM must be set (`dumb` if
    not); a prompt it may show gets end-of-file from /dev/null."""
    if "-" in project.name:
        raise ValueError(f"{project.name}: TABARI cuts a project name at '-'")
    if outputfile.exists():
        outputfile.unlink()
    env = {**os.environ, "TERM": os.environ.get("TERM") or "dumb"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(Path(binary).resolve()), *args, project.name], cwd=project.parent, env=env,
                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout,
                   check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not outputfile.exists():
        raise OSError(f"TABARI wrote no {outputfile.name} in {project.parent}")
    with outputfile.open(encoding="ascii", errors="replace") as lines:
        return seconds, count_events(lines)


def sentences_of(items) -> Iterator[tuple[str, str, str]]:
    """(date, record id, sentence) for each sentence eventcoder's shallow segmenter finds."""
    from coder.coding.coder import load_pipeline
    from coder.coding.segment import clean_article

    nlp, _ = load_pipeline("shallow", None)
    for item in items:
        date = item.date.isoformat() if item.date else "2000-01-01"
        texts = [p.text for p in clean_article(item.text).paragraphs]
        n = 0
        for doc in nlp.pipe(texts):
            for sent in doc.sents:
                if sent.text.strip():
                    n += 1
                    yield date, f"{item.id}-{n:03d}", sent.text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabari", type=Path, help="the TABARI binary (default: TABARI on PATH)")
    parser.add_argument("--dictionaries", type=Path, help="folder with TABARI's .actors, .verbs and .options files")
    parser.add_argument("--project", type=Path, help="your own TABARI project file (instead of --dictionaries)")
    parser.add_argument("--tabari-args", default="-aq", help="TABARI's options before the project file (default -aq: "
                        "autocode, quiet)")
    parser.add_argument("--corpus", choices=["real", "synthetic"], default="real")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a TABARI run is stopped")
    parser.add_argument("--keep", type=Path, help="write TABARI's input, project and output here and keep them")
    args = parser.parse_args(argv)

    binary = find_tabari(args.tabari)
    if binary is None:
        print(USAGE if args.tabari is None else f"peers.py: no TABARI binary at {args.tabari}: pass --tabari PATH "
              "to a built TABARI (bench/README.md says how)")
        return 0
    if args.dictionaries is None and args.project is None:
        print(NO_DICTIONARIES.format(binary=binary))
        return 0

    try:
        files = None if args.project else dictionary_files(args.dictionaries)
    except ValueError as err:
        print(f"peers.py: {err}", file=sys.stderr)
        return 2

    from make_corpus import articles as synthetic
    from realnews import articles as real

    from coder import Coder
    from coder.io.read import to_article

    records = list((real if args.corpus == "real" else synthetic)(args.articles))
    if not records:
        print("peers.py: no articles: the real-news corpus needs ../shared (or pass --corpus synthetic)")
        return 0
    items = [to_article(r, r["id"]) for r in records]
    work = args.keep or Path(tempfile.mkdtemp(prefix="peers-"))
    work.mkdir(parents=True, exist_ok=True)
    sentences = list(sentences_of(items))
    textfile, warmfile = work / "sentences.txt", work / "one.txt"
    written = write_tabari_input(sentences, textfile)
    write_tabari_input(sentences[:1], warmfile)
    outputfile = work / "events.txt"

    def project(text: Path) -> Path:
        path = work / f"{text.stem}.project"
        if args.project:
            body = retarget_project(args.project.read_text(encoding="latin-1"), args.project.parent, text, outputfile)
        else:
            body = project_text(files, text, outputfile)
        path.write_text(body, encoding="latin-1")
        return path

    tabari_args = args.tabari_args.split()
    try:
        start_up = [run_tabari(binary, tabari_args, project(warmfile), outputfile, args.timeout)[0]
                    for _ in range(args.repeat)]
        full = [run_tabari(binary, tabari_args, project(textfile), outputfile, args.timeout)
                for _ in range(args.repeat)]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError, ValueError) as err:
        screen = getattr(err, "output", b"") or b""
        tail = " ".join(screen.decode("latin-1").split())[-300:]
        print(f"peers.py: TABARI did not run: {err} {tail}".rstrip(), file=sys.stderr)
        return 1
    tabari_seconds = [max(seconds - statistics.median(start_up), 1e-9) for seconds, _ in full]
    rows = [("TABARI (dictionaries loaded: start-up removed)", [written / s for s in tabari_seconds], full[-1][1],
             written)]
    for label, geocode in (("eventcoder shallow --no-geo", False), ("eventcoder shallow (places and dates)", True)):
        coder = Coder(analysis="shallow", geocode=geocode)
        list(coder.code_articles(items[:50]))  # warm up
        rates, results = [], []
        for _ in range(args.repeat):
            started = time.process_time()
            results = list(coder.code_articles(items))
            rates.append(sum(r.sentences for r in results) / (time.process_time() - started))
        rows.append((label, rates, sum(len(r.events) for r in results), sum(r.sentences for r in results)))

    tabari_rate = statistics.median(rows[0][1])
    print(f"{args.corpus} corpus, {len(items):,} articles, {written:,} sentences as TABARI records ({work}); "
          f"median of {args.repeat} runs (lowest-highest), CPU time, one core")
    print(f"{'':48} {'sentences/s':>12} {'spread':>17} {'events':>8} {'sentences':>10}  {'time vs TABARI':>14}")
    for label, rates, events, count in rows:
        rate = statistics.median(rates)
        spread = f"{min(rates):,.0f}-{max(rates):,.0f}"
        print(f"{label:48} {rate:>12,.0f} {spread:>17} {events:>8,} {count:>10,}  {tabari_rate / rate:>13.2f}x")
    print(f"TABARI start-up (loading its dictionaries), subtracted above: {statistics.median(start_up):.2f} s CPU")
    coding = statistics.median(tabari_seconds)
    if coding < SHORT_RUN:
        enough = math.ceil(args.articles * SHORT_RUN / coding / 1000) * 1000
        print(f"TABARI coded these {written:,} sentences in {coding:.3f} s CPU, too short to time steadily: "
              f"--articles {enough:,} would give it about {SHORT_RUN:.0f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
