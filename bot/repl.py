"""The terminal REPL: streamed answers, Sources under each, a few slash commands."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import click

from bot.answerer import Answer, Answerer, Conversation
from bot.errors import USER_ERRORS
from bot.render import quotes_block, sources_block

HELP = """Ask a question about the documents; answers cite their sources like [1].
  /sources   the quotes behind the last answer
  /reset     forget this conversation (follow-ups start afresh)
  /help      this text
  /quit      leave (Ctrl-D works too); Ctrl-C stops an answer in progress"""


def _enable_history(path: Path | None) -> None:
    """Line editing and persistent input history, when a terminal is attached."""
    if path is None or not os.isatty(0):
        return
    try:
        import atexit
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(1000)
    atexit.register(readline.write_history_file, path)


def _after_stream(streamed: str, answer: Answer) -> str:
    """What to print once an answer has streamed, when its final text is not what was shown.

    A terminal cannot take back what it printed, so a withdrawn answer is
    marked as such before the refusal, and a cut one says where it ends.
    """
    shown, final = streamed.strip(), answer.text.strip()
    if final == shown:
        return ""
    if not shown:
        return answer.text
    if answer.refused:
        why = answer.withheld.split(";")[0] or "the passages do not support that answer"
        return f"\n[withdrawn: {why}]\n{answer.text}"
    if shown.startswith(final):
        return "\n[cut here: the rest repeated itself]"
    return f"\n[corrected]\n{answer.text}"


def run_repl(
    answerer: Answerer,
    *,
    history_turns: int = 6,
    history_file: Path | None = None,
    read: Callable[[str], str] = input,
) -> None:
    _enable_history(history_file)
    conversation = Conversation(max_turns=history_turns)
    last: Answer | None = None
    click.echo("docqa: ask about the documents. /help for commands.")
    while True:
        try:
            line = read("\n> ")
        except EOFError:
            click.echo()
            return
        except KeyboardInterrupt:
            click.echo("\n(Use /quit or Ctrl-D to leave.)")
            continue
        cmd = line.strip()
        if not cmd:
            continue
        if cmd.startswith("/"):
            name = cmd.split()[0].lower()
            if name in ("/quit", "/exit", "/q"):
                return
            if name == "/help":
                click.echo(HELP)
            elif name == "/reset":
                conversation.reset()
                last = None
                click.echo("Conversation forgotten.")
            elif name == "/sources":
                click.echo(quotes_block(last) if last else "No answer yet.")
            else:
                click.echo(f"Unknown command {name}. /help lists the commands.")
            continue
        try:
            stream = answerer.stream(cmd, conversation.turns)
        except USER_ERRORS as e:
            click.echo(str(e))
            continue
        try:
            streamed = ""
            for piece in stream:
                streamed += piece
                click.echo(piece, nl=False)
        except KeyboardInterrupt:
            stream.close()
            click.echo("\n[answer cancelled]")
            continue
        except USER_ERRORS as e:
            stream.close()
            click.echo(f"\n{e}")
            continue
        answer = stream.result()
        click.echo(_after_stream(streamed, answer), nl=False)
        click.echo()
        block = sources_block(answer)
        if block:
            click.echo(block)
        conversation.add(answer)
        last = answer
