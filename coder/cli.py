"""Command line: each command is a thin wrapper over the library.

User mistakes end in one line, `eventcoder: <location>: [code] message`, and a documented exit
code (see coder/errors.py and the README); never a traceback.
"""
from __future__ import annotations

import functools
import json
import sys
import time
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
        click.option("--require-dyad/--no-require-dyad", default=False, show_default=True,
                     help="Keep only events with both sides known (PETRARCH require_dyad); by default one-sided events are kept with `---`."),
        click.option("--geo/--no-geo", "geocode", default=True, show_default=True,
                     help="Geocode event locations (the gazetteer is cached after the first run)."),
        click.option("--geonames", "geonames_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     default=None, help="A GeoNames extract (allCountries.txt, cities500.txt) for villages."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _make_coder(analysis, model, ontology_dirs, require_dyad, geocode=True, geonames_file=None, **coding):
    from coder.coding.coder import Coder

    return Coder(ontology=list(ontology_dirs) or None, analysis=analysis, model=model, require_dyad=require_dyad,
                 geocode=geocode, geonames_file=geonames_file, **coding)


def realnews_options(command):
    """`code` and `explain`: how one-sided events and sentences with several events are written."""
    command = click.option("--context-country/--no-context-country", default=True, show_default=True,
                           help="Give a role noun with no country (`---OPP`) the country of its own phrase or "
                                "its clause's location; off: PETRARCH's strict `---`.")(command)
    return click.option("--main-events-only", is_flag=True,
                        help="Write only each sentence's main-clause event (main_event true).")(command)


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
              help="Output: a .parquet file (or .jsonl), or a dataset folder with --partition-by.")
@coder_options
@click.option("--on-error", type=click.Choice(["raise", "skip"]), default="raise", show_default=True,
              help="Stop at the first bad record, or record it as skipped (in the manifest) and go on.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes (output is identical to --jobs 1, order included).")
@click.option("--resume", is_flag=True, help="Continue an interrupted run: skip documents its manifest lists as done.")
@click.option("--partition-by", "partition", type=click.Choice(["year-month"]), default=None,
              help="Write a hive-partitioned dataset folder (event_year=/event_month=) instead of one file.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run here (with --jobs processes) or on a Dask cluster (writes a partitioned dataset).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler address (tcp://host:8786); without it, a local cluster of --jobs workers.")
@click.option("--id-column", default="id", show_default=True, help="Column with the article id.")
@click.option("--text-column", default="text", show_default=True, help="Column with the article text.")
@click.option("--date-column", default="date", show_default=True, help="Column with the article date.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary on standard error.")
@realnews_options
@friendly
def code(input_path, output, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, on_error, jobs,
         resume, partition, engine, scheduler, id_column, text_column, date_column, quiet, context_country,
         main_events_only):
    """Code articles into events and write them to OUTPUT, with a manifest of every document
    (OUTPUT.manifest.jsonl: status, counts, timing, and the reason for any skipped document).

    INPUT is a folder of .txt files (with an optional metadata.jsonl giving id, date, source, url,
    title), a .jsonl/.csv/.parquet file with id and text columns, or - for JSONL on standard input.

    \b
    Example:
      eventcoder code seeds/ -o events.parquet
      eventcoder code articles.jsonl -o events.parquet --jobs 2 --on-error skip --resume
      eventcoder code articles.parquet -o events/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from coder.runs.batch import BatchRun
    from coder.io.read import Columns, read_articles
    from coder.io.write import file_metadata

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file,
                        context_country=context_country, main_events_only=main_events_only)
    columns = Columns(id_column, text_column, date_column)
    options = {**coder.options, "on_error": on_error, "input": str(input_path), "engine": engine, "jobs": jobs}
    metadata = file_metadata(coder_version=__version__, ontology_version=coder.ontology.version, options=options)
    if engine == "dask":
        summary = _code_on_dask(coder, input_path, output, columns, metadata, jobs, scheduler)
    else:
        run = BatchRun(coder, output, jobs=jobs, on_error=on_error, resume=resume, partition=partition,
                       metadata=metadata, progress=not quiet)
        summary = run.run(read_articles(input_path, columns))
    if not quiet:
        done = ", ".join(f"{summary.statuses[s]} {s}" for s in ("coded", "no_events", "empty", "discarded", "skipped",
                                                                "failed") if summary.statuses[s])
        resumed = f" ({summary.resumed} done by the earlier run)" if summary.resumed else ""
        click.echo(f"{sum(summary.statuses.values())} documents{resumed} ({done}); {summary.sentences} sentences; "
                   f"{summary.events} events -> {output} in {summary.seconds:.1f}s", err=True)
        for row in summary.problems:
            click.echo(f"  {row['status']} {row['doc_id'] or '?'}: {row['reason']}", err=True)


def _code_on_dask(coder, input_path, output, columns, metadata, jobs, scheduler):

    from coder.runs.distributed import bag_from_input, code_bag, local_client, require_dask

    require_dask()
    started = time.perf_counter()
    if scheduler:
        from dask.distributed import Client

        client = Client(scheduler)
    else:
        client = local_client(jobs)
    with client:
        bag = bag_from_input(input_path, columns)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        if bag.npartitions < workers * 4:  # a small file is one block: spread it over every worker
            bag = bag.repartition(npartitions=workers * 4)
        summary = code_bag(bag, output, config=coder.config, metadata=metadata, columns=columns)
    summary.seconds = time.perf_counter() - started
    return summary


@main.command()
@click.argument("text")
@click.option("--date", default=None, help="Article date, YYYY-MM-DD (decides dated roles).")
@coder_options
@realnews_options
@friendly
def explain(text, date, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, context_country,
            main_events_only):
    """Show how a sentence is coded: actors, patterns that fired, and why each event was kept.

    \b
    Example:
      eventcoder explain "Iraqi troops attacked Islamic State fighters in Mosul." --date 2016-10-25
    """
    from coder.report.explain import render

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file,
                        context_country=context_country, main_events_only=main_events_only)
    click.echo(render(coder.explain(text, date=date)))


@main.command(name="eval")
@click.argument("gold_files", nargs=-1, required=True, type=click.Path(path_type=Path))
@coder_options
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--by-category", is_flag=True, help="Also score each record category (meta.category) apart.")
@friendly
def eval_command(gold_files, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, as_json,
                 by_category):
    """Precision, recall and F1 against hand-coded gold JSONL files.

    \b
    Example:
      eventcoder eval ../shared/gold/plover_gsr.dev.jsonl --analysis dependency
    """
    from coder.report.evaluate import evaluate_file

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file)
    reports = [evaluate_file(coder, path) for path in gold_files]
    if as_json:
        click.echo(json.dumps({"analysis": coder.analysis_label, "ontology_version": coder.ontology.version,
                               "files": [r.as_dict() for r in reports]}, indent=2))
        return
    click.echo(f"analysis {coder.analysis_label}, ontology {coder.ontology.version}")
    click.echo(f"{'file':44} {'recs':>5} {'gold':>5} {'pred':>5}  {'exact P/R/F1':>17}  {'relaxed P/R/F1':>17}")
    def row(name, records, e, x):
        click.echo(f"{name[:44]:44} {records:>5} {e.gold:5d} {e.predicted:5d}  "
                   f"{e.precision:5.2f} {e.recall:5.2f} {e.f1:5.2f}  {x.precision:5.2f} {x.recall:5.2f} {x.f1:5.2f}")

    for r in reports:
        row(Path(r.path).name, r.records, r.exact, r.relaxed)
        if by_category:
            for category, (e, x) in sorted(r.by_category.items()):
                row(f"  {category}", "", e, x)


@main.group()
def ontology():
    """Check and inspect ontology folders."""


@ontology.command()
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-examples", is_flag=True, help="Skip coding each pattern's example sentence (faster).")
def check(directories, no_examples):
    """Report every problem in the ontology as file:line: [code] message (exit 0 clean, 2 problems).

    Checks each file against its JSON Schema (unquoted codes that YAML reads as numbers or booleans
    included), then across files: unknown event and role codes, roles that start on the same day,
    one phrase claimed by two entries, patterns repeated under two codes, examples that do not fire.

    \b
    Example:
      eventcoder ontology check ontology/
    """
    from coder.ontology.load import load_ontology
    from coder.ontology.check import cross_check
    from coder.coding.coder import Coder

    try:
        onto = load_ontology(list(directories) or None)
        problems = cross_check(onto, coder=None if no_examples else Coder(ontology=onto, require_dyad=False))
    except OntologyError as err:
        problems = err.problems
    except EventcoderError as err:
        _fail(err)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problems", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"ok: {len(onto.files)} files, {len(onto.codebook)} event codes, {len(onto.patterns)} patterns, "
               f"{len(onto.phrases)} actor phrases, {len(onto.people)} people; version {onto.version}")


@ontology.command()
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@friendly
def stats(directories, as_json):
    """Counts by kind, and the CAMEO codes that no pattern reaches.

    \b
    Example:
      eventcoder ontology stats --json
    """
    from coder.ontology.load import load_ontology
    from coder.ontology.stats import ontology_stats

    counts = ontology_stats(load_ontology(list(directories) or None))
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    for key, value in counts.items():
        shown = ", ".join(value) or "none" if isinstance(value, list) else value
        click.echo(f"{key.replace('_', ' '):36} {shown}")


@ontology.command(name="import-petrarch")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Folder for the YAML ontology.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every entry converted with a change.")
@friendly
def import_petrarch_command(sources, output, verbose):
    """Convert PETRARCH-format dictionaries (actors, agents, verbs, discards) into a YAML ontology.

    Every entry is converted or reported with its file:line and the reason; the output folder also
    gets our codebook, so it is a complete ontology for --ontology.

    \b
    Example:
      eventcoder ontology import-petrarch ../shared/petrarch/validation -o petrarch_validation/
    """
    from .errors import InputError
    from coder.ontology.petrarch import import_petrarch

    for source in sources:
        if not source.exists():
            raise InputError("E101", "no such file or folder", str(source))
    report = import_petrarch(list(sources), output)
    click.echo(report.summary())
    for line in report.problems + (report.notes if verbose else []):
        click.echo(f"  {line}")


@ontology.command(name="suggest")
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("suggested"), show_default=True,
              help="Folder for the YAML stubs.")
@click.option("-n", "--top", default=40, show_default=True, help="How many actors and verbs to list.")
@coder_options
@friendly
def suggest_command(input_path, output, top, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file):
    """List the names and verbs in a corpus that matched nothing, most frequent first, with an
    example sentence each, and write them as YAML stubs to review and add.

    \b
    Example:
      eventcoder ontology suggest articles.jsonl -o suggested/
    """
    from coder.io.read import read_articles
    from coder.ontology.suggest import stub_files, suggest

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file)
    found = suggest(coder, read_articles(input_path))
    click.echo(f"{found.documents} documents, {found.sentences} sentences")
    for title, table in (("actor-like names that matched no actor", found.actors),
                         ("verbs between two actors where no pattern fired", found.verbs)):
        click.echo(f"\n{title}:")
        for text, hit in found.top(table, top):
            click.echo(f"  {hit.count:5d}  {text:32}  e.g. {' '.join(hit.example.split())[:90]}")
    output.mkdir(parents=True, exist_ok=True)
    for name, body in stub_files(found, top).items():
        (output / name).write_text(body, encoding="utf-8")
    click.echo(f"\nwrote {output / 'suggested_actors.yaml'} and {output / 'suggested_verbs.yaml'}")


@main.command()
@friendly
def schema():
    """Print the JSON Schema of an event record.

    \b
    Example:
      eventcoder schema > event.schema.json
    """
    from coder.io.schema import event_schema

    click.echo(json.dumps(event_schema(), indent=2, ensure_ascii=False))
