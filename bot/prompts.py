"""Prompt files from ``prompts/``, checked for their variables at start-up.

Prompts use ``string.Template`` placeholders (``$name`` / ``${name}``) so the
JSON braces the prompts show the model need no escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

from bot.errors import ConfigError

# Each prompt file and the variables it must use, no more and no fewer.
REQUIRED: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "answer": frozenset({"passages", "question", "language"}),
    "condense": frozenset({"history", "question"}),
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


def load_prompts(directory: Path) -> Prompts:
    loaded: dict[str, Prompt] = {}
    for name, required in REQUIRED.items():
        path = directory / f"{name}.txt"
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
    return Prompts(**loaded)
