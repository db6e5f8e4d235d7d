"""Prompt files from ``prompts/``, checked for their variables at start-up.

Prompts use ``string.Template`` placeholders (``$name`` / ``${name}``) so the
JSON braces the prompts show the model need no escaping.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bot.errors import ConfigError

logger = logging.getLogger(__name__)

# Each prompt file and the variables it must use, no more and no fewer.
REQUIRED: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "answer": frozenset({"passages", "question", "language"}),
    "condense": frozenset({"history", "question"}),
    "verify": frozenset({"question"}),
    "kind": frozenset({"name", "kinds"}),
    "premise": frozenset({"question", "names"}),
    "members": frozenset({"question", "names"}),
}


@dataclass(frozen=True)
class Prompt:
    name: str
    template: Template

    def render(self, **values: str) -> str:
        return self.template.substitute(values)


@dataclass(frozen=True)
class Prompts:
    system: Prompt
    answer: Prompt
    condense: Prompt
    verify: Prompt
    """Asked after an answer, in the same conversation: does a passage really answer the question?"""
    kind: Prompt
    """Asked alone, from general knowledge: what kind of thing (person, city, …) is this name?"""
    premise: Prompt
    """A yes/no question asked again, told that a name it assumes is in no document."""
    members: Prompt
    """A yes/no question whether a name no document mentions is one of a group, asked for the group."""
    examples: tuple[dict[str, str], ...] = ()
    """Worked turns shown after the system prompt; with it they form the fixed prefix."""


def parse_examples(path: Path) -> tuple[dict[str, str], ...]:
    """``### user`` / ``### assistant`` blocks; each assistant turn must be the answer JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    except OSError as e:
        raise ConfigError(f"prompt file {path} cannot be read ({e.strerror or e})") from e
    turns: list[dict[str, str]] = []
    for block in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        role, _, content = block.partition("\n")
        role = role.strip()
        expected = "user" if len(turns) % 2 == 0 else "assistant"
        if role != expected:
            raise ConfigError(f"{path}: example turn {len(turns) + 1} should be '### {expected}', not {role!r}")
        content = content.strip()
        if role == "assistant":
            try:
                obj = json.loads(content)
            except ValueError as e:
                raise ConfigError(f"{path}: example turn {len(turns) + 1} is not JSON ({e})") from e
            if not isinstance(obj, dict) or set(obj) != {"found", "answer"}:
                raise ConfigError(f"{path}: example turn {len(turns) + 1} must have exactly 'found' and 'answer'")
        turns.append({"role": role, "content": content})
    if len(turns) % 2:
        raise ConfigError(f"{path}: the examples end with a user turn that has no answer")
    return tuple(turns)


def load_prompts(directory: Path, shipped: Path | None = None) -> Prompts:
    """The prompts of ``directory``, each checked for its variables.

    A file that ``directory`` lacks is read from ``shipped`` (the prompts we
    ship), when given: a user who rewrites the system prompt need not copy
    the others, nor each one a later version adds.  A file that is there but
    broken is an error, whatever ``shipped`` holds.
    """
    loaded: dict[str, Prompt] = {}
    for name, required in REQUIRED.items():
        path = directory / f"{name}.txt"
        if shipped is not None and not path.exists() and (shipped / path.name).is_file():
            logger.info("prompt file %s not found: using %s", path, shipped / path.name)
            path = shipped / path.name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"prompt file {path} cannot be read ({e.strerror or e})") from e
        template = Template(text.strip() + "\n" if name != "system" else text.strip())
        if not template.is_valid():
            raise ConfigError(f"prompt file {path} has a malformed $placeholder")
        found = set(template.get_identifiers())
        if missing := required - found:
            raise ConfigError(f"prompt file {path} lacks ${', $'.join(sorted(missing))}")
        if extra := found - required:
            raise ConfigError(f"prompt file {path} uses unknown ${', $'.join(sorted(extra))}")
        loaded[name] = Prompt(name, template)
    return Prompts(**loaded, examples=parse_examples(directory / "examples.txt"))
