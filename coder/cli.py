"""Command line: each command is a thin wrapper over the library.

User mistakes end in one line, `eventcoder: <location>: [code] message`, and a documented exit
code (see coder/errors.py and the README); never a traceback.
"""
from __future__ import annotations

import functools
import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_OK, EXIT_USAGE, EventcoderError, OntologyError


def _fail(err: EventcoderError) -> None:
    click.echo(f"eventcoder: {err}", err=True)
    sys.exit(err.exit_code)


def friendly(command):
    """Turn library errors into one-line messages with their exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except OntologyError as err:
            for problem in err.problems:
                click.echo(f"eventcoder: {problem}", err=True)
            sys.exit(err.exit_code)
        except EventcoderError as err:
            _fail(err)
        except BrokenPipeError:
            sys.exit(EXIT_OK)

    return wrapper


def coder_options(command):
    """The options every coding command shares, spelled the same everywhere."""
    options = [
        click.option("--analysis", type=click.Choice(["shallow", "dependency"]), default="shallow", show_default=True,
                     help="Role assignment: positional rules (no model) or a dependency parse."),
        click.option("--model", default=None, metavar="NAME_OR_PATH",
                     help="spaCy pipeline for --analysis dependency (default: the parser shipped with eventcoder)."),
        click.option("--ontology", "ontology_dirs", multiple=True, type=click.Path(path_type=Path), metavar="DIR",
                     help="Ontology folder(s); repeat to layer your own files over the default one."),
        click.option("--require-dyad/--no-require-dyad", default=True, show_default=True,
                     help="Keep only events with both a source and a target actor."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _make_coder(analysis, model, ontology_dirs, require_dyad):
    from .pipeline import Coder

    return Coder(ontology=list(ontology_dirs) or None, analysis=analysis, model=model, require_dyad=require_dyad)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def main():
    """Code news articles into CAMEO political events.

    \b
    Example:
      eventcoder code seeds/ -o events.parquet
    """


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Output file: .parquet (default format) or .jsonl.")
@coder_options
@click.option("--on-error", type=click.Choice(["raise", "skip"]), default="raise", show_default=True,
              help="Stop at the first bad record, or record it as skipped and go on.")
@click.option("--id-column", default="id", show_default=True, help="Column with the article id.")
@click.option("--text-column", default="text", show_default=True, help="Column with the article text.")
@click.option("--date-column", default="date", show_default=True, help="Column with the article date.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on standard error.")
@friendly
def code(input_path, output, analysis, model, ontology_dirs, require_dyad, on_error, id_column, text_column,
         date_column, quiet):
    """Code articles into events and write them to OUTPUT.

    INPUT is a folder of .txt files (with an optional metadata.jsonl giving id, date, source, url,
    title), a .jsonl/.csv/.parquet file with id and text columns, or - for JSONL on standard input.

    \b
    Example:
      eventcoder code seeds/ -o events.parquet
      eventcoder code articles.jsonl -o events.parquet --analysis dependency --on-error skip
    """
    from .ingest import Columns, read_articles
    from .write import AtomicWriter, file_metadata

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad)
    started = time.perf_counter()
    statuses: Counter = Counter()
    problems = []
    sentences = 0
    metadata = file_metadata(coder_version=__version__, ontology_version=coder.ontology.version,
                             options={**coder.options, "on_error": on_error, "input": str(input_path)})
    articles = read_articles(input_path, Columns(id_column, text_column, date_column))
    with AtomicWriter(output, metadata) as writer:
        for result in coder.code_articles(articles, on_error=on_error):
            statuses[result.status] += 1
            sentences += result.sentences
            writer.write(result.events)
            if result.status in ("skipped", "failed"):
                problems.append(result)
    if not quiet:
        seconds = time.perf_counter() - started
        done = ", ".join(f"{statuses[s]} {s}" for s in ("coded", "no_events", "empty", "discarded", "skipped", "failed")
                         if statuses[s])
        click.echo(f"{sum(statuses.values())} documents ({done}); {sentences} sentences; {writer.rows} events "
                   f"-> {output} in {seconds:.1f}s", err=True)
        for result in problems:
            click.echo(f"  {result.status} {result.doc_id or '?'}: {result.reason}", err=True)


@main.command()
@click.argument("text")
@click.option("--date", default=None, help="Article date, YYYY-MM-DD (decides dated roles).")
@coder_options
@friendly
def explain(text, date, analysis, model, ontology_dirs, require_dyad):
    """Show how a sentence is coded: actors, patterns that fired, and why each event was kept.

    \b
    Example:
      eventcoder explain "Iraqi troops attacked Islamic State fighters in Mosul." --date 2016-10-25
    """
    from .explain import render

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad)
    click.echo(render(coder.explain(text, date=date)))


@main.command(name="eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@coder_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@friendly
def eval_command(gold_files, analysis, model, ontology_dirs, require_dyad, as_json):
    """Precision, recall and F1 against hand-coded gold JSONL files.

    \b
    Example:
      eventcoder eval ../shared/gold/plover_gsr.dev.jsonl --analysis dependency
    """
    from .evaluate import evaluate_file

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad)
    reports = [evaluate_file(coder, path) for path in gold_files]
    if as_json:
        click.echo(json.dumps({"analysis": coder.analysis_label, "ontology_version": coder.ontology.version,
                               "files": [r.as_dict() for r in reports]}, indent=2))
        return
    click.echo(f"analysis {coder.analysis_label}, ontology {coder.ontology.version}")
    click.echo(f"{'file':44} {'recs':>5} {'gold':>5} {'pred':>5}  {'exact P/R/F1':>17}  {'relaxed P/R/F1':>17}")
    for r in reports:
        e, x = r.exact, r.relaxed
        click.echo(f"{Path(r.path).name[:44]:44} {r.records:5d} {e.gold:5d} {e.predicted:5d}  "
                   f"{e.precision:5.2f} {e.recall:5.2f} {e.f1:5.2f}  {x.precision:5.2f} {x.recall:5.2f} {x.f1:5.2f}")


@main.group()
def ontology():
    """Check and inspect ontology folders."""


@ontology.command()
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
def check(directories):
    """Report every problem in the ontology as file:line: [code] message (exit 0 clean, 2 problems).

    \b
    Example:
      eventcoder ontology check ontology/
    """
    from .ontology import load_ontology

    try:
        onto = load_ontology(list(directories) or None)
    except OntologyError as err:
        for problem in err.problems:
            click.echo(str(problem))
        click.echo(f"{len(err.problems)} problems", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"ok: {len(onto.files)} files, {len(onto.codebook)} event codes, {len(onto.patterns)} patterns, "
               f"{len(onto.phrases)} actor phrases, {len(onto.people)} people; version {onto.version}")


@main.command()
@friendly
def schema():
    """Print the JSON Schema of an event record.

    \b
    Example:
      eventcoder schema > event.schema.json
    """
    from .validate import event_schema

    click.echo(json.dumps(event_schema(), indent=2, ensure_ascii=False))
