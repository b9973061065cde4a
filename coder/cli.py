"""Command line: each command is a thin wrapper over the library.

User mistakes end in one line, `eventcoder: <location>: [code] message`, and a documented exit
code (see coder/errors.py and the README); never a traceback.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_OK, EXIT_USAGE, EventcoderError, NothingCoded, OntologyError


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


def _set_verbosity(ctx: click.Context, param: click.Parameter, value):
    if value and not ctx.resilient_parsing:
        from coder.logs import configure

        configure(-1 if param.name == "quiet" else value)
    return value


def _verbosity_options(command: click.Command) -> None:
    """-v/--verbose and -q/--quiet on every command (a command's own -q, as `code` has, keeps its
    meaning and also quiets the log)."""
    taken = {opt for p in command.params for opt in getattr(p, "opts", [])}
    for param in command.params:
        if "-q" in getattr(param, "opts", []) and param.callback is None:
            param.callback = _set_verbosity
    if "-v" not in taken:
        command.params.append(click.Option(["-v", "--verbose"], count=True, expose_value=False, is_eager=True,
                                           callback=_set_verbosity, help="More messages (-vv for debugging)."))
    if "-q" not in taken:
        command.params.append(click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, is_eager=True,
                                           callback=_set_verbosity, help="Errors only."))


class _Commands(click.Group):
    """A group whose every command (and subgroup's command) gets the verbosity options."""

    group_class = type  # subgroups are _Commands too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not isinstance(cmd, click.Group):
            _verbosity_options(cmd)
        super().add_command(cmd, name)


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


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventcoder")
def main():
    """Code news articles into CAMEO political events.

    \b
    Example:
      eventcoder code seeds/ -o events.parquet
    """
    from coder.logs import configure

    configure(0)  # warnings with the CLI's prefix; -v / -q on the command change it


def run() -> None:
    """The `eventcoder` program: one command, one coder, kept until the process ends (coder/process.py).
    Tests call `main` in their own process instead, which keeps the library's default."""
    from coder.process import keep_until_exit

    keep_until_exit()
    main(prog_name="eventcoder")


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Output: a .parquet or .jsonl file, - for JSONL on standard output, or a dataset folder with "
                   "--partition-by.")
@coder_options
@click.option("--on-error", type=click.Choice(["raise", "skip"]), default="raise", show_default=True,
              help="Stop at the first bad record, or record it as skipped (in the manifest) and go on.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes (output is identical to --jobs 1, order included).")
@click.option("--resume", is_flag=True,
              help="Continue an interrupted run on the same input and OUTPUT (a no-op if OUTPUT is complete).")
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
@click.option("--strict", is_flag=True,
              help="Run the full JSON Schema engine on every record as well as the fast checker (slower; every record "
                   "is checked against the schema either way). Same as EVENTCODER_STRICT_SCHEMA=1: set that on "
                   "remote Dask workers.")
@realnews_options
@friendly
def code(input_path, output, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, on_error, jobs,
         resume, partition, engine, scheduler, id_column, text_column, date_column, quiet, strict, context_country,
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
    from coder.io.read import Columns, check_input
    from coder.io.write import check_output
    from coder.io.schema import STRICT_ENV
    from coder.runs.lock import OutputLock

    if strict:  # through the environment, so worker processes (forked, spawned, local Dask) inherit it
        os.environ[STRICT_ENV] = "1"
    # Everything that can be checked without the ontology is checked first: a typo fails at once.
    check_input(input_path)
    if engine == "dask":
        _check_dask_options(resume, output)
        partition = "year-month"  # the Dask engine always writes a partitioned dataset
    check_output(output, resume=resume, partition=partition)
    # The output is locked before the (slow) start-up, so a second run on it is refused at once.
    with contextlib.nullcontext() if str(output) == "-" else OutputLock(output):
        summary = _run_code(input_path, output, analysis, model, ontology_dirs, require_dyad, geocode,
                            geonames_file, on_error, jobs, resume, partition, engine, scheduler,
                            Columns(id_column, text_column, date_column), quiet,
                            {"context_country": context_country, "main_events_only": main_events_only})
    if summary.complete:
        click.echo(f"eventcoder: {output} is already complete ({summary.documents} documents, {summary.events} "
                   "events): nothing to resume", err=True)
    elif not quiet:
        from coder.runs.manifest import STATUSES

        done = ", ".join(f"{summary.statuses[s]} {s}" for s in STATUSES if summary.statuses[s])
        resumed = f" ({summary.resumed} done by the earlier run)" if summary.resumed else ""
        click.echo(f"{summary.documents} documents{resumed} ({done}); {summary.sentences} sentences; "
                   f"{summary.events} events -> {output} in {summary.seconds:.1f}s", err=True)
        for row in summary.problems:
            click.echo(f"  {row['status']} {row['doc_id'] or '?'}: {row['reason']}", err=True)
    if summary.nothing_coded:
        raise NothingCoded("E111", f"no document could be coded: all {summary.documents} were skipped or failed "
                           "(reasons above and in the manifest)", str(input_path))


def _run_code(input_path, output, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, on_error,
              jobs, resume, partition, engine, scheduler, columns, quiet, coding):
    from coder.io.read import read_articles
    from coder.io.write import file_metadata
    from coder.runs.batch import BatchRun

    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file, **coding)
    # Only options this run applies: the file metadata must not claim what was not done.
    options = {**coder.options, "on_error": on_error, "input": str(input_path), "engine": engine}
    if partition:
        options["partition_by"] = partition
    if engine == "local" or not scheduler:
        options["jobs"] = jobs
    metadata = file_metadata(coder_version=__version__, ontology_version=coder.ontology.version, options=options)
    if engine == "dask":
        summary = _code_on_dask(coder, input_path, output, columns, metadata, jobs, scheduler, on_error)
    else:
        run_info = {"input": str(input_path), "coding": coder.options,
                    "columns": [columns.id, columns.text, columns.date], "partition_by": partition}
        run = BatchRun(coder, output, jobs=jobs, on_error=on_error, resume=resume, partition=partition,
                       metadata=metadata, progress=not quiet, run_info=run_info)
        summary = run.run(read_articles(input_path, columns))
    return summary


def _check_dask_options(resume: bool, output) -> None:
    """The Dask engine cannot resume, and cannot stream to standard output: refused, not ignored."""
    from coder.runs.distributed import require_dask

    from .errors import UsageError

    require_dask()
    if resume:
        raise UsageError("E502", "--resume is not supported with --engine dask: rerun without it (the previous "
                         "output stays until the new one is complete)", "--engine dask")
    if str(output) == "-":
        raise UsageError("E502", "-o - is not supported with --engine dask: give a dataset folder", "--engine dask")


def _code_on_dask(coder, input_path, output, columns, metadata, jobs, scheduler, on_error):

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
        summary = code_bag(bag, output, config=coder.config, metadata=metadata, columns=columns, on_error=on_error)
    summary.seconds = time.perf_counter() - started
    return summary


@main.command()
@click.argument("text", required=False)
@click.option("--date", default=None, help="Article date of TEXT, YYYY-MM-DD (decides dated roles); "
              "--input files carry their own.")
@click.option("--input", "input_path", default=None, metavar="FILE",
              help="Explain every article of a .jsonl/.csv/.parquet file or .txt folder instead of TEXT.")
@click.option("--html", "html_path", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML page (marked sentences, decision trace) to this file.")
@coder_options
@realnews_options
@friendly
def explain(text, date, input_path, html_path, analysis, model, ontology_dirs, require_dyad, geocode, geonames_file,
            context_country, main_events_only):
    """Show how a sentence is coded: actors, patterns that fired, and why each event was kept.

    \b
    Example:
      eventcoder explain "Iraqi troops attacked Islamic State fighters in Mosul." --date 2016-10-25
      eventcoder explain --input articles.jsonl --html explain.html
    """
    from coder.report.explain import render

    if (text is None) == (input_path is None):
        raise EventcoderError("E001", "give either TEXT or --input FILE (not both)", "explain")
    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, geocode, geonames_file,
                        context_country=context_country, main_events_only=main_events_only)
    if input_path is None:
        articles = [(coder.explain(text, date=date), None, date)]
    else:
        from coder.io.read import Skipped, read_articles

        articles = []
        for item in read_articles(input_path):
            if isinstance(item, Skipped):
                raise item.error
            articles.append((coder.code_article(item, trace=True), item.title or item.id, item.date))
    if html_path is None:
        click.echo("\n\n".join(render(result) for result, _, _ in articles))
        return
    from coder.report.explain_html import render_page

    note = f"· {coder.analysis_label} · ontology {coder.ontology.version}"
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render_page(articles, note=note), encoding="utf-8")
    click.echo(f"{len(articles)} article(s) -> {html_path}", err=True)


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


@ontology.command(name="coverage")
@click.argument("corpus", metavar="CORPUS")
@click.option("-n", "--top", default=30, show_default=True, help="How many uncovered verbs and nouns to list.")
@click.option("--id-contains", default=None, metavar="TEXT", help="Only records whose id contains TEXT (`_news_`).")
@click.option("--min-actors", default=2, show_default=True, type=click.IntRange(0, 2),
              help="List heads of sentences with at least this many actors where nothing fired.")
@click.option("--unfired", "unfired_file", type=click.Path(path_type=Path), default=None,
              help="Write the patterns that never fired to this file (one `file:line  code  pattern` a line).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@coder_options
@friendly
def coverage_command(corpus, top, id_contains, min_actors, unfired_file, as_json, analysis, model, ontology_dirs, require_dyad,
                     geocode, geonames_file):
    """How much of a corpus the patterns reach: the share of sentences where a pattern fires, per root
    code, the verbs and nouns heading clauses with two actors where nothing fires, and the patterns
    that never fire. CORPUS is what `code` reads, or CoNLL-U files (their sentence text only).

    \b
    Example:
      eventcoder ontology coverage ../shared/ud/gum-cc-by --id-contains _news_ --analysis dependency
    """
    from coder.ontology.coverage import measure, read_corpus

    if not Path(corpus).exists():
        raise EventcoderError("E101", "no such file or folder", str(corpus))
    coder = _make_coder(analysis, model, ontology_dirs, require_dyad, False, geonames_file)
    found = measure(coder, read_corpus(corpus, id_contains=id_contains), min_actors=min_actors)
    report = found.as_dict(top)
    if unfired_file:
        unfired_file.write_text("".join(f"{p.where}  {p.code}  {p.text}\n" for p in found.unfired()), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.documents} documents, {found.sentences} sentences: a pattern codes in {found.fired} "
               f"({found.fired_share:.1%}); only null patterns in {found.null_only}; {min_actors}+ actors and nothing "
               f"coded in {found.two_actors_unfired}")
    click.echo("sentences per root: " + ", ".join(f"{root} {n}" for root, n in sorted(found.by_root.items())))
    for title, key in (("verbs", "uncovered_verbs"), ("nouns", "uncovered_nouns")):
        click.echo(f"\n{title} heading clauses with {min_actors}+ actors where nothing fired:")
        for row in report[key]:
            click.echo(f"  {row['count']:5d}  {row['lemma']:20}  e.g. {' '.join(row['example'].split())[:90]}")
    click.echo(f"\npatterns never fired: {report['patterns_never_fired']} of {report['patterns']} "
               f"({', '.join(f'{r} {n}' for r, n in report['never_fired_by_root'].items())})")


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


@main.group()
def cache():
    """Show or empty the cache of compiled ontologies, ACLED rules, the gazetteer index and word forms.

    It lives in $EVENTCODER_CACHE, else $XDG_CACHE_HOME/eventcoder or ~/.cache/eventcoder. After
    each ontology build the least recently used files go once it holds more than
    $EVENTCODER_CACHE_MAX_MB (default 1024).
    """


@cache.command(name="info")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@friendly
def cache_info(as_json):
    """The cache folder, its files by kind and their size.

    \b
    Example:
      eventcoder cache info
    """
    from coder.io.cache_files import cache_budget, kind_of, own_files
    from coder.paths import cache_dir

    folder = cache_dir()
    kinds: dict[str, list[int]] = {}  # kind -> [files, bytes]
    for path in own_files(folder):
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile by another process's pruning
            continue
        counts = kinds.setdefault(kind_of(path), [0, 0])
        counts[0] += 1
        counts[1] += size
    total = sum(size for _, size in kinds.values())
    if as_json:
        click.echo(json.dumps({"folder": str(folder), "bytes": total, "budget_bytes": cache_budget(),
                               "kinds": {kind: {"files": n, "bytes": size} for kind, (n, size) in sorted(kinds.items())}},
                              indent=2))
        return
    click.echo(f"folder  {folder}")
    for kind, (n, size) in sorted(kinds.items()):
        click.echo(f"  {kind:10} {n:5d} files  {size / 2**20:9.1f} MB")
    click.echo(f"total   {total / 2**20:.1f} MB of a {cache_budget() / 2**20:.0f} MB budget")


@cache.command(name="clear")
@friendly
def cache_clear():
    """Remove every file of the cache (the next start rebuilds what it needs).

    \b
    Example:
      eventcoder cache clear
    """
    from coder.io.cache_files import prune
    from coder.paths import cache_dir

    removed = prune(cache_dir(), budget=0)
    click.echo(f"removed {len(removed)} files from {cache_dir()}")


@main.command()
@click.argument("events_path", metavar="EVENTS", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", required=True, metavar="FORMAT",
              help="csv, phoenix, icews, gdelt or acled (each with its own column names and order).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="File to write.")
@friendly
def export(events_path, fmt, output):
    """Write events (a .parquet file or partitioned folder from `code`) in another dataset's columns.

    csv: every event column; phoenix, icews, gdelt: tab-separated with those datasets' column
    names; acled: ACLED's CSV columns. The README has the crosswalk of each.

    \b
    Example:
      eventcoder export events.parquet --format icews -o events.icews.tsv
    """
    from coder.io.export import builder, read_events, write_export

    builder(fmt)  # an unknown or missing format fails before the events are read
    rows = write_export(read_events(events_path), fmt, output)
    click.echo(f"{rows} events -> {output} ({fmt})", err=True)


@main.command()
@click.argument("events_path", metavar="EVENTS", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--title", default=None, help="Page title (default: from the events file name).")
@friendly
def report(events_path, output, title):
    """A one-page HTML report of a run: events over time by QuadClass, top root codes, dyads and
    countries, a map of located events, the undated/unlocated/one-sided shares and the manifest's
    totals. Needs matplotlib: pip install 'eventcoder[report]'.

    \b
    Example:
      eventcoder report events.parquet -o report.html
    """
    from coder.report.run_report import write_report

    summary = write_report(events_path, output, title=title)
    click.echo(f"{summary.events} events -> {output}", err=True)


@ontology.command()
@click.argument("directories", nargs=-1, type=click.Path(path_type=Path))
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (code, name, root, QuadClass, Goldstein, PLOVER, ACLED).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default: stdout).")
@friendly
def codebook(directories, as_csv, output):
    """The CAMEO codebook with its QuadClass, Goldstein, PLOVER and ACLED mappings, for label merges.

    \b
    Example:
      eventcoder ontology codebook --csv -o cameo_codebook.csv
    """
    import io

    from coder.io.export import codebook_table, write_table_csv
    from coder.ontology.load import load_ontology

    table = codebook_table(load_ontology(list(directories) or None))
    if as_csv:
        buffer = io.BytesIO()
        write_table_csv(table, buffer)
        text = buffer.getvalue().decode("utf-8")
    else:
        rows = table.to_pylist()
        text = "\n".join(f"{r['code']:5} {r['quad_class']} {r['goldstein']:6.1f}  {r['name']}" for r in rows) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
