"""The answer-evaluation suite behind ``docqa eval``.

A question file is JSON Lines (see tests/eval/questions.jsonl).  Every
question goes through an :class:`Engine`, by default the same answerer the
bot uses; the outcome is scored for retrieval (hit@5, MRR), answer accuracy,
citation precision and recall in the spirit of ALCE (Gao et al. 2023),
refusals, latency and prompt size, overall and per language.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.answerer import Answer, Answerer, Turn
from bot.errors import ConfigError
from index.text import fold

Span = tuple[str, int, int]


class EvalFileError(ConfigError):
    pass


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    answerable: bool
    answers: list[list[str]]
    sources: list[str]
    evidence: list[str]
    lang: str
    history: list[dict[str, str]] = field(default_factory=list)


def load_questions(path: Path) -> list[EvalQuestion]:
    """Parse and check the whole file first: a bad line names itself and nothing runs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise EvalFileError(f"cannot read {path}: {e.strerror or e}") from e
    out: list[EvalQuestion] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {n}"
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise EvalFileError(f"{where}: not valid JSON ({e})") from e
        if not isinstance(obj, dict):
            raise EvalFileError(f"{where}: expected a JSON object")
        for key, kind in (("id", str), ("question", str), ("answerable", bool)):
            if not isinstance(obj.get(key), kind):
                raise EvalFileError(f"{where}: {key!r} must be a {kind.__name__}")
        answers = obj.get("answers", [])
        if not isinstance(answers, list) or not all(
            isinstance(g, list) and g and all(isinstance(a, str) and a for a in g) for g in answers
        ):
            raise EvalFileError(f"{where}: 'answers' must be a list of non-empty lists of strings")
        if obj["answerable"] and not answers:
            raise EvalFileError(f"{where}: an answerable question needs 'answers'")
        for key in ("sources", "evidence"):
            v = obj.get(key, [])
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise EvalFileError(f"{where}: {key!r} must be a list of strings")
        history = obj.get("history", [])
        if not isinstance(history, list) or not all(
            isinstance(t, dict) and t.get("role") in ("user", "assistant") and isinstance(t.get("content"), str)
            for t in history
        ):
            raise EvalFileError(f"{where}: 'history' must be a list of {{role, content}} turns")
        if obj["id"] in seen:
            raise EvalFileError(f"{where}: duplicate id {obj['id']!r}")
        seen.add(obj["id"])
        out.append(
            EvalQuestion(
                id=obj["id"],
                question=obj["question"],
                answerable=obj["answerable"],
                answers=answers,
                sources=obj.get("sources", []),
                evidence=obj.get("evidence", []),
                lang=str(obj.get("lang") or "en"),
                history=history,
            )
        )
    if not out:
        raise EvalFileError(f"{path}: no questions")
    return out


# -- engines ----------------------------------------------------------------------
@dataclass
class EngineResult:
    answer: str
    refused: bool
    citations: list[Span]
    retrieved: list[Span]
    first_token_s: float
    total_s: float
    prompt_tokens: int
    search_query: str = ""
    """What the engine searched for, when it rewrote the question (ours does for follow-ups and other languages)."""
    withheld: str = ""
    """Why the engine withheld its model's answer, when it did (ours says; the peer never withholds)."""
    draft: str = ""
    """That withheld answer: what a new check would have to judge."""


class Engine(Protocol):
    name: str
    model: str

    def run(self, q: EvalQuestion) -> EngineResult: ...


class DocqaEngine:
    """Our answerer, exactly as the bot uses it."""

    name = "docqa"

    def __init__(self, answerer: Answerer) -> None:
        self._answerer = answerer
        self.model = answerer.llm.name

    def run(self, q: EvalQuestion) -> EngineResult:
        history = [Turn(t["role"], t["content"]) for t in q.history]  # type: ignore[arg-type]
        return self.result_of(self._answerer.ask(q.question, history))

    @staticmethod
    def result_of(a: Answer) -> EngineResult:
        return EngineResult(
            answer=a.text,
            refused=a.refused,
            citations=[(c.source, c.start, c.end) for c in a.citations],
            retrieved=[(p.source, p.start, p.end) for p in a.retrieved],
            first_token_s=a.timings.first_token_s,
            total_s=a.timings.total_s,
            prompt_tokens=a.timings.prompt_tokens,
            search_query=a.search_query if a.search_query != a.question else "",
            withheld=a.withheld,
            draft=a.draft,
        )


# -- scoring ----------------------------------------------------------------------
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def is_correct_text(answer: str, groups: Sequence[Sequence[str]]) -> bool:
    """Every group has an alternative in the answer (case-, accent- and whitespace-insensitive)."""
    a = _norm(answer)
    return all(any(_norm(alt) in a for alt in group) for group in groups)


def evidence_spans(q: EvalQuestion, seeds_dir: Path) -> list[Span]:
    spans: list[Span] = []
    for source in q.sources:
        try:
            text = (seeds_dir / source).read_text(encoding="utf-8")
        except OSError:
            continue
        for ev in q.evidence:
            start = text.find(ev)
            while start >= 0:
                spans.append((source, start, start + len(ev)))
                start = text.find(ev, start + 1)
    return spans


def supports(span: Span, evidence: Sequence[Span]) -> bool:
    return any(span[0] == s and span[1] < e and b < span[2] for s, b, e in evidence)


@dataclass
class Outcome:
    id: str
    lang: str
    answerable: bool
    question: str
    answer: str
    refused: bool
    correct: bool
    citations: list[dict[str, Any]]
    retrieved: list[dict[str, Any]]
    first_token_s: float
    total_s: float
    prompt_tokens: int
    hit_rank: int | None
    supporting_citations: int
    error: str | None = None
    search_query: str = ""
    withheld: str = ""
    draft: str = ""


def score(q: EvalQuestion, r: EngineResult, seeds_dir: Path) -> Outcome:
    ev = evidence_spans(q, seeds_dir)
    rank = next((i for i, s in enumerate(r.retrieved, start=1) if supports(s, ev)), None)
    correct = (not r.refused and is_correct_text(r.answer, q.answers)) if q.answerable else r.refused
    return Outcome(
        id=q.id,
        lang=q.lang,
        answerable=q.answerable,
        question=q.question,
        answer=r.answer,
        refused=r.refused,
        correct=correct,
        citations=[{"source": s, "start": a, "end": b} for s, a, b in r.citations],
        retrieved=[{"source": s, "start": a, "end": b} for s, a, b in r.retrieved],
        first_token_s=r.first_token_s,
        total_s=r.total_s,
        prompt_tokens=r.prompt_tokens,
        hit_rank=rank,
        supporting_citations=sum(supports(c, ev) for c in r.citations),
        search_query=r.search_query,
        withheld=r.withheld,
        draft=r.draft,
    )


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return float(statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1])


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def metrics(outcomes: Sequence[Outcome]) -> dict[str, float | int]:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    refused = [o for o in outcomes if o.refused]
    cites = sum(len(o.citations) for o in outcomes)
    supporting = sum(o.supporting_citations for o in outcomes)
    correct_answerable = [o for o in answerable if o.correct]
    ft = [o.first_token_s for o in outcomes]
    tt = [o.total_s for o in outcomes]
    return {
        "n": len(outcomes),
        "hit_at_5": _ratio(sum(1 for o in answerable if o.hit_rank and o.hit_rank <= 5), len(answerable), 1.0),
        "mrr": sum(1 / o.hit_rank for o in answerable if o.hit_rank) / len(answerable) if answerable else 1.0,
        "answer_accuracy": _ratio(sum(o.correct for o in outcomes), len(outcomes), 0.0),
        "citation_precision": _ratio(supporting, cites, 1.0),
        "citation_recall": _ratio(
            sum(1 for o in correct_answerable if o.supporting_citations), len(correct_answerable), 1.0
        ),
        "refusal_precision": _ratio(
            sum(1 for o in refused if not o.answerable), len(refused), 1.0 if not unanswerable else 0.0
        ),
        "refusal_recall": _ratio(sum(1 for o in unanswerable if o.refused), len(unanswerable), 1.0),
        "first_token_p50_s": percentile(ft, 50),
        "first_token_p95_s": percentile(ft, 95),
        "total_p50_s": percentile(tt, 50),
        "total_p95_s": percentile(tt, 95),
        "prompt_tokens_mean": statistics.fmean([o.prompt_tokens for o in outcomes]) if outcomes else 0.0,
    }


@dataclass
class Report:
    engine: str
    model: str
    outcomes: list[Outcome]

    def to_dict(self) -> dict[str, Any]:
        langs = sorted({o.lang for o in self.outcomes})
        return {
            "engine": self.engine,
            "model": self.model,
            "metrics": {
                "overall": metrics(self.outcomes),
                "by_lang": {lang: metrics([o for o in self.outcomes if o.lang == lang]) for lang in langs},
            },
            "questions": [asdict(o) for o in self.outcomes],
        }

    @classmethod
    def load(cls, path: Path, questions: Sequence[EvalQuestion], seeds_dir: Path) -> Report:
        """A report saved with ``--json``, checked to be over the same questions.

        The peer engine is slow, so its saved run is shown beside a fresh run of
        ours rather than repeated.  Its answers are scored again against the
        current question file (answers, evidence), not taken on trust.
        """
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            engine, model, rows = str(doc["engine"]), str(doc["model"]), list(doc["questions"])
            outcomes = [Outcome(**row) for row in rows]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise EvalFileError(f"{path} is not a report written by `docqa eval --json` ({e})") from e
        by_id = {o.id: o for o in outcomes}
        if missing := [q.id for q in questions if q.id not in by_id]:
            raise EvalFileError(
                f"{path} has no outcome for {len(missing)} of these questions ({', '.join(missing[:5])}); "
                "run that engine again on this question file"
            )
        outcomes = [by_id[q.id] for q in questions]
        rescored = []
        for q, o in zip(questions, outcomes, strict=True):
            cited, retrieved = ([(c["source"], c["start"], c["end"]) for c in cs] for cs in (o.citations, o.retrieved))
            result = EngineResult(
                o.answer,
                o.refused,
                cited,
                retrieved,
                o.first_token_s,
                o.total_s,
                o.prompt_tokens,
                o.search_query,
                o.withheld,
                o.draft,
            )
            again = score(q, result, seeds_dir)
            again.error = o.error
            rescored.append(again)
        return cls(engine, model, rescored)


def run_eval(
    engine: Engine,
    questions: Sequence[EvalQuestion],
    seeds_dir: Path,
    on_result: Callable[[Outcome], None] | None = None,
) -> Report:
    from bot.errors import USER_ERRORS

    outcomes: list[Outcome] = []
    for q in questions:
        t0 = time.perf_counter()
        try:
            result = engine.run(q)
            outcome = score(q, result, seeds_dir)
        except USER_ERRORS as e:
            # A question the engine rejects counts as a refusal, with the reason kept.
            dt = time.perf_counter() - t0
            outcome = score(q, EngineResult(str(e), True, [], [], dt, dt, 0), seeds_dir)
            outcome.error = str(e)
        outcomes.append(outcome)
        if on_result:
            on_result(outcome)
    return Report(engine.name, engine.model, outcomes)


METRIC_LABELS = [
    ("hit_at_5", "hit@5"),
    ("mrr", "MRR"),
    ("answer_accuracy", "accuracy"),
    ("citation_precision", "cite P"),
    ("citation_recall", "cite R"),
    ("refusal_precision", "refuse P"),
    ("refusal_recall", "refuse R"),
]


def table(reports: Sequence[Report]) -> str:
    """One Markdown table: a row per engine and language."""
    head = [
        "engine",
        "lang",
        "n",
        *[label for _, label in METRIC_LABELS],
        "1st tok p50",
        "total p50",
        "total p95",
        "prompt tok",
    ]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for rep in reports:
        d = rep.to_dict()["metrics"]
        for lang, m in [("all", d["overall"]), *sorted(d["by_lang"].items())]:
            cells = [rep.engine, lang, str(m["n"])]
            cells += [f"{m[k]:.2f}" for k, _ in METRIC_LABELS]
            cells += [
                f"{m['first_token_p50_s']:.1f}s",
                f"{m['total_p50_s']:.1f}s",
                f"{m['total_p95_s']:.1f}s",
                f"{m['prompt_tokens_mean']:.0f}" if m["prompt_tokens_mean"] else "–",  # the peer reports none
            ]
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def write_report(reports: Sequence[Report], directory: Path) -> list[Path]:
    """A Markdown report and a PNG chart of the metrics per engine and language."""
    directory.mkdir(parents=True, exist_ok=True)
    md = directory / "report.md"
    lines = ["# docqa evaluation", "", table(reports), ""]
    for rep in reports:
        wrong = [o for o in rep.outcomes if not o.correct]
        lines += [f"## {rep.engine}: {len(wrong)} of {len(rep.outcomes)} not correct", ""]
        for o in wrong:
            kind = "answerable" if o.answerable else "unanswerable"
            searched = f" (searched: {o.search_query!r})" if o.search_query else ""
            shown = "REFUSED" if o.refused else repr(o.answer)
            if o.withheld:
                shown += f" (withheld: {o.withheld}; the model said {o.draft!r})"
            lines.append(f"- `{o.id}` ({o.lang}, {kind}) {o.question}{searched} → {shown}")
        lines.append("")
    md.write_text("\n".join(lines), encoding="utf-8")
    png = directory / "metrics.png"
    _chart(reports, png)
    return [md, png]


def _chart(reports: Sequence[Report], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups: list[tuple[str, dict[str, Any]]] = []
    for rep in reports:
        d = rep.to_dict()["metrics"]
        groups.append((f"{rep.engine} all", d["overall"]))
        groups += [(f"{rep.engine} {lang}", m) for lang, m in sorted(d["by_lang"].items())]
    fig, ax = plt.subplots(figsize=(max(8, 1.4 * len(METRIC_LABELS)), 4.5))
    width = 0.8 / max(1, len(groups))
    for i, (label, m) in enumerate(groups):
        xs = [j + i * width for j in range(len(METRIC_LABELS))]
        ax.bar(xs, [m[k] for k, _ in METRIC_LABELS], width, label=f"{label} (n={m['n']})")
    ax.set_xticks([j + 0.4 - width / 2 for j in range(len(METRIC_LABELS))], [lab for _, lab in METRIC_LABELS])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    ax.set_title("docqa answer evaluation")
    ax.legend(fontsize=7, ncols=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
