#!/usr/bin/env python3
"""Validate the evaluation question set (tests/eval/questions.jsonl).

Usage: check_questions.py [QUESTIONS_JSONL] [SEEDS_DIR]

QUESTIONS_JSONL defaults to questions.jsonl next to this script, SEEDS_DIR
to ``seeds/`` at the repository root.  Ids of that set run from q01; another
file's ids run on from its first line's (the held-out sets in ``reports/``
start at q101, q121, ...).  Prints one line per problem and a
summary; exits 1 when there is any problem, 0 otherwise.  ``check`` returns
the problems as a list so that a test can import it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "seeds"

REQUIRED_KEYS: dict[str, type] = {
    "id": str,
    "question": str,
    "answerable": bool,
    "answers": list,
    "sources": list,
    "evidence": list,
    "lang": str,
    "history": list,
}
ROLES = frozenset({"user", "assistant"})
ID_RE = re.compile(r"q(\d{2,})")
LANG_RE = re.compile(r"[a-z]{2}")


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _check_answers(answers: list[Any]) -> list[str]:
    problems: list[str] = []
    for i, group in enumerate(answers):
        if not isinstance(group, list) or not group:
            problems.append(f"answer group {i} is not a non-empty list")
            continue
        problems.extend(
            f"answer group {i} has an empty or non-string alternative: {alt!r}"
            for alt in group
            if not isinstance(alt, str) or not alt.strip()
        )
    return problems


def _check_history(history: list[Any]) -> list[str]:
    problems: list[str] = []
    for i, turn in enumerate(history):
        if not isinstance(turn, dict):
            problems.append(f"history[{i}] is not an object")
            continue
        if set(turn) != {"role", "content"}:
            problems.append(f"history[{i}] must have exactly the keys role and content, has {sorted(turn)}")
        if turn.get("role") not in ROLES:
            problems.append(f"history[{i}] has role {turn.get('role')!r}, expected user or assistant")
        content = turn.get("content")
        if not isinstance(content, str) or not content.strip():
            problems.append(f"history[{i}] content is not a non-empty string")
    return problems


def _check_record(
    rec: dict[str, Any],
    seeds_dir: Path,
    texts: dict[str, str | None],
) -> list[str]:
    """Problems of one parsed record whose keys and top-level types are valid."""
    problems: list[str] = []
    if not rec["question"].strip():
        problems.append("question is empty")
    if not LANG_RE.fullmatch(rec["lang"]):
        problems.append(f"lang {rec['lang']!r} is not a two-letter lower-case ISO 639-1 code")

    answers: list[Any] = rec["answers"]
    sources: list[Any] = rec["sources"]
    evidence: list[Any] = rec["evidence"]
    problems += _check_answers(answers)
    problems += _check_history(rec["history"])

    if not _is_str_list(sources):
        problems.append("sources must be a list of strings")
        sources = []
    if not _is_str_list(evidence):
        problems.append("evidence must be a list of strings")
        evidence = []
    if len(set(sources)) != len(sources):
        problems.append("sources has duplicates")

    if rec["answerable"]:
        for key, value in (
            ("answers", answers),
            ("sources", sources),
            ("evidence", evidence),
        ):
            if not value:
                problems.append(f"answerable question has empty {key}")
    else:
        for key, value in (
            ("answers", answers),
            ("sources", rec["sources"]),
            ("evidence", rec["evidence"]),
        ):
            if value:
                problems.append(f"unanswerable question must have empty {key}")
        return problems

    for name in sources:
        if name not in texts:
            path = seeds_dir / name
            if Path(name).name != name or not path.is_file():
                texts[name] = None
            else:
                texts[name] = path.read_text(encoding="utf-8")
        if texts[name] is None:
            problems.append(f"source file {name!r} does not exist in {seeds_dir}")

    found_in: set[str] = set()
    for ev in evidence:
        if not ev.strip():
            problems.append("evidence has an empty string")
            continue
        hits = [name for name in sources if (text := texts.get(name)) is not None and ev in text]
        if hits:
            found_in.update(hits)
        elif any(texts.get(name) is not None for name in sources):
            problems.append(f"evidence not found verbatim in {sources}: {ev!r}")
    for name in sources:
        if texts.get(name) is not None and name not in found_in:
            problems.append(f"source {name!r} is listed but none of the evidence occurs in it")
    return problems


def check(questions_path: Path, seeds_dir: Path, first_id: int | None = 1) -> list[str]:
    """Return the problems found in ``questions_path`` (empty when it is valid).

    Ids run on from ``first_id``; ``None`` lets the first line set it (the
    extra sets in ``reports/`` start at q101 and q121).
    """
    try:
        raw = Path(questions_path).read_bytes()
    except OSError as exc:
        return [f"{questions_path}: cannot read: {exc}"]
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"{questions_path}: not valid UTF-8: {exc}"]

    problems: list[str] = []
    seen_ids: dict[str, int] = {}
    texts: dict[str, str | None] = {}
    expected = first_id  # the id number the next line must have; None: any
    lines = content.splitlines()
    if not lines:
        return [f"{questions_path}: file is empty"]
    for lineno, line in enumerate(lines, 1):
        where = f"line {lineno}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        missing = [k for k in REQUIRED_KEYS if k not in rec]
        extra = sorted(k for k in rec if k not in REQUIRED_KEYS)
        bad_types = [
            f"{k} must be {t.__name__}" for k, t in REQUIRED_KEYS.items() if k in rec and not isinstance(rec[k], t)
        ]
        if missing:
            problems.append(f"{where}: missing keys {missing}")
        if extra:
            problems.append(f"{where}: unknown keys {extra}")
        problems += [f"{where}: {msg}" for msg in bad_types]
        if missing or bad_types:
            continue

        qid: str = rec["id"]
        where = f"line {lineno} ({qid})"
        if qid in seen_ids:
            problems.append(f"{where}: duplicate id, first used on line {seen_ids[qid]}")
        else:
            seen_ids[qid] = lineno
        m = ID_RE.fullmatch(qid)
        if m is None:
            problems.append(f"{where}: id must look like q01, q02, ...")
        else:
            num = int(m.group(1))
            if expected is not None and num != expected:
                problems.append(f"{where}: id out of sequence, expected q{expected:02d}")
            expected = num + 1
        problems += [f"{where}: {msg}" for msg in _check_record(rec, Path(seeds_dir), texts)]
    return problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 2 or any(a in ("-h", "--help") for a in args):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    questions_path = Path(args[0]) if args else DEFAULT_QUESTIONS
    seeds_dir = Path(args[1]) if len(args) > 1 else DEFAULT_SEEDS
    problems = check(questions_path, seeds_dir, 1 if questions_path.resolve() == DEFAULT_QUESTIONS else None)
    for problem in problems:
        print(problem)
    try:
        count = sum(1 for line in questions_path.read_text(encoding="utf-8").splitlines() if line.strip())
    except (OSError, UnicodeDecodeError):
        count = 0
    status = "OK" if not problems else "FAILED"
    print(f"{status}: {count} questions in {questions_path}, {len(problems)} problem(s) (seeds: {seeds_dir})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
