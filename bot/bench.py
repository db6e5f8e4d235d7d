"""Benchmarks: they measure and print, and never fail on a time.

Four parts, one JSON document (``docqa bench --json``):

- ``latency``: our answers over the evaluation questions, first token and
  whole answer, and the time from a cold process to a warm answerer;
- ``raw_llama``: llama.cpp's own prompt and generation speed on this machine
  (the ceiling), and each question's final prompt sent straight to
  ``llama_cpp.Llama`` with the same arguments, so that ``overhead_ratio_p50``
  is what our pipeline costs on top of the model;
- ``peer``: LlamaIndex's ``CitationQueryEngine`` on the same model and index;
- ``scale``: a generated corpus at several sizes, each in its own process so
  that its peak memory is its own.
"""

from __future__ import annotations

import json
import math
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.answerer import Answerer, Turn
from bot.evaluate import DocqaEngine, EvalQuestion, percentile, score
from bot.llm import Generation, LlamaCppLLM, Message

QUICK_SIZES = (1_000, 10_000)
FULL_SIZES = (1_000, 10_000, 100_000)
Log = Callable[[str], None]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def pick(questions: Sequence[EvalQuestion], n: int) -> list[EvalQuestion]:
    """``n`` questions spread evenly over the file (it is ordered by topic)."""
    if n <= 0 or n >= len(questions):
        return list(questions)
    step = len(questions) / n
    return [questions[int(i * step)] for i in range(n)]


# -- answer latency and overhead ------------------------------------------------------
@dataclass
class Call:
    messages: list[Message]
    max_tokens: int
    json_schema: dict[str, Any] | None
    stop: list[str] | None


@dataclass
class RecordingLLM:
    """Passes every call through to the real model and keeps the last one that asked for JSON."""

    inner: LlamaCppLLM
    last_answer_call: Call | None = None

    @property
    def name(self) -> str:
        return self.inner.name

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def prefill(self, messages: list[Message]) -> None:
        self.inner.prefill(messages)

    def generate(
        self,
        messages: list[Message],
        *,
        max_tokens: int,
        json_schema: dict[str, Any] | None = None,
        stop: list[str] | None = None,
    ) -> Generation:
        if json_schema is not None:
            self.last_answer_call = Call(list(messages), max_tokens, json_schema, stop)
        return self.inner.generate(messages, max_tokens=max_tokens, json_schema=json_schema, stop=stop)


def bare_call(llm: LlamaCppLLM, call: Call) -> tuple[float, float]:
    """Send one recorded prompt straight to llama.cpp; (first token s, total s)."""
    kwargs = llm.completion_kwargs(
        call.messages, max_tokens=call.max_tokens, json_schema=call.json_schema, stop=call.stop
    )
    t0 = time.perf_counter()
    first = 0.0
    for chunk in llm.llama.create_chat_completion(**kwargs):
        if not first and chunk["choices"][0]["delta"].get("content"):
            first = time.perf_counter() - t0
    return first, time.perf_counter() - t0


def raw_throughput(
    llm: LlamaCppLLM, prompt_text: str, prompt_tokens: int = 512, gen_tokens: int = 64
) -> dict[str, float]:
    """llama.cpp's prompt-processing and generation speed, with no cache and no grammar."""
    llama = llm.llama
    tokens = llama.tokenize(prompt_text.encode("utf-8"), add_bos=True)[:prompt_tokens]
    llama.reset()
    t0 = time.perf_counter()
    first = 0.0
    n = 0
    # Llama.generate evaluates the prompt, then one token per step; it never stops by itself.
    for _ in llama.generate(tokens, temp=0.0):
        n += 1
        if n == 1:
            first = time.perf_counter()
        if n >= gen_tokens:
            break
    end = time.perf_counter()
    llama.reset()
    return {
        "prompt_tokens_per_s": len(tokens) / (first - t0),
        "generation_tokens_per_s": (n - 1) / (end - first) if n > 1 else 0.0,
        "prompt_tokens": float(len(tokens)),
        "generated_tokens": float(n),
    }


@dataclass
class QuestionTiming:
    id: str
    first_token_s: float
    total_s: float
    prompt_tokens: int
    completion_tokens: int
    rewrite_s: float
    rewritten: bool
    bare_first_token_s: float
    bare_total_s: float
    correct: bool

    @property
    def overhead(self) -> float:
        return self.total_s / self.bare_total_s if self.bare_total_s else 0.0


def measure_answers(
    answerer: Answerer,
    recorder: RecordingLLM,
    questions: Sequence[EvalQuestion],
    seeds_dir: Path,
    log: Log,
) -> list[QuestionTiming]:
    """Each question through our answerer, then its final prompt bare, from the same cache state."""
    out: list[QuestionTiming] = []
    for q in questions:
        answerer.warm_up()  # both runs start with the fixed prefix, and only it, in the KV cache
        recorder.last_answer_call = None
        history = [Turn(t["role"], t["content"]) for t in q.history]  # type: ignore[arg-type]
        a = answerer.ask(q.question, history)
        result = DocqaEngine.result_of(a)
        call = recorder.last_answer_call
        bare = (0.0, 0.0)
        if call is not None:  # refused before generation: nothing to compare
            answerer.warm_up()
            bare = bare_call(recorder.inner, call)
        t = a.timings
        out.append(
            QuestionTiming(
                q.id,
                t.first_token_s,
                t.total_s,
                t.prompt_tokens,
                t.completion_tokens,
                t.rewrite_s,
                a.search_query != a.question,
                bare[0],
                bare[1],
                score(q, result, seeds_dir).correct,
            )
        )
        log(f"  {q.id}: ours {t.total_s:5.1f}s, bare llama.cpp {bare[1]:5.1f}s")
    return out


# -- index scale ----------------------------------------------------------------------
def generate_corpus(
    directory: Path, chunks: int, vocabulary: Sequence[str], *, per_file: int = 100, seed: int = 0
) -> list[Path]:
    """Files of made-up sentences over ``vocabulary``, about ``chunks`` chunks of ~600 characters in all."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    files = max(1, math.ceil(chunks / per_file))
    paths = []
    for f in range(files):
        n_here = min(per_file, chunks - f * per_file)
        paragraphs = []
        for _ in range(n_here):
            sentences: list[str] = []
            length = 0
            while True:  # with the sentence a chunk shares with the one before, a paragraph fills one chunk
                words = rng.choices(vocabulary, k=rng.randint(8, 22))
                s = " ".join(words).capitalize() + "."
                if sentences and length + len(s) + 1 > 470:
                    break
                sentences.append(s)
                length += len(s) + 1
            paragraphs.append(" ".join(sentences))
        path = directory / f"doc_{f:05d}.txt"
        path.write_text(f"Generated document {f}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    ``ru_maxrss`` survives ``execve`` on Linux, so a worker started by a process
    holding the model would report the model; ``VmHWM`` belongs to the new
    address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def measure_scale(chunks: int, workdir: Path, settings: Any, queries: int = 40) -> dict[str, float]:
    """Ingest a generated corpus, then time retrieval and the re-indexing of one changed file."""
    from bot.app import build_embedder
    from index.retrieval import HybridRetriever
    from index.store import ChromaLocation, DocumentIndex, open_chroma

    seeds = settings.seeds_dir
    vocab = sorted(
        {w for p in seeds.glob("*") if p.is_file() for w in re.findall(r"[A-Za-z]{3,}", p.read_text("utf-8"))}
    )
    corpus = workdir / "corpus"
    paths = generate_corpus(corpus, chunks, vocab)
    data = workdir / "data"
    embedder = build_embedder(settings)

    def open_index() -> DocumentIndex:
        return DocumentIndex(
            open_chroma(ChromaLocation(path=data / "chroma")),
            embedder,
            data,
            chunk_size=settings.chunk_size,
            chunk_overlap=settings.chunk_overlap,
        )

    index = open_index()
    t0 = time.perf_counter()
    report = index.update([corpus])
    ingest_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    retriever = HybridRetriever(index, top_k=settings.top_k)
    retriever_build_s = time.perf_counter() - t0
    rng = random.Random(1)
    texts = [p.text for p in rng.sample(index.passages(), min(queries, report.chunks))]
    asked = [" ".join(rng.sample(t.split(), min(8, len(t.split())))) for t in texts]
    retriever.retrieve(asked[0])  # first call loads lazily-built parts
    times = []
    for q in asked:
        t0 = time.perf_counter()
        retriever.retrieve(q)
        times.append((time.perf_counter() - t0) * 1000)

    changed = paths[len(paths) // 2]
    with changed.open("a", encoding="utf-8") as f:
        f.write("\nA sentence added to change this one file.\n")
    t0 = time.perf_counter()
    again = open_index().update([corpus])
    reindex_s = time.perf_counter() - t0
    if again.updated != [changed.name]:
        raise RuntimeError(f"re-indexing touched {again.updated}, expected only {changed.name}")

    return {
        "chunks": report.chunks,
        "files": len(paths),
        "ingest_s": ingest_s,
        "ingest_chunks_per_s": report.chunks / ingest_s,
        "disk_mb": _disk_mb(data),
        "peak_rss_mb": peak_rss_mb(),
        "retriever_build_s": retriever_build_s,
        "retrieval_p50_ms": percentile(times, 50),
        "retrieval_p95_ms": percentile(times, 95),
        "reindex_one_file_s": reindex_s,
    }


def scale_in_subprocess(chunks: int, timeout_s: float | None = None) -> dict[str, float]:
    """One size in a fresh interpreter: its peak memory is then the index's alone."""
    with tempfile.TemporaryDirectory(prefix=f"docqa-bench-{chunks}-") as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "bot.bench", "scale", str(chunks), tmp],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"the {chunks}-chunk scale run failed:\n{proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def growth(scale: Sequence[dict[str, float]], key: str) -> float:
    """The exponent b in ``metric ~ chunks**b`` between the smallest and largest size (1 = linear)."""
    a, b = scale[0], scale[-1]
    if len(scale) < 2 or a[key] <= 0 or b[key] <= 0 or a["chunks"] == b["chunks"]:
        return float("nan")
    return math.log(b[key] / a[key]) / math.log(b["chunks"] / a["chunks"])


# -- the whole run ----------------------------------------------------------------------
@dataclass
class BenchPlan:
    questions: list[EvalQuestion]
    peer_questions: int
    sizes: tuple[int, ...]
    log: Log = field(default=lambda s: None)


def run_bench(app: Any, plan: BenchPlan) -> dict[str, Any]:
    """Run every part on ``app`` (a :class:`bot.app.App` not yet used) and return the JSON document."""
    settings = app.settings
    log = plan.log

    log("loading the model, the index and the prompt prefix…")
    t0 = time.perf_counter()
    real = app.llm
    model_load_s = time.perf_counter() - t0
    if not isinstance(real, LlamaCppLLM):
        raise TypeError("the benchmarks time llama.cpp: set DOCQA_LLM_BACKEND=llama_cpp")
    recorder = RecordingLLM(real)
    app.llm = recorder  # the answerer is built over the recorder, which passes every call through
    answerer = app.answerer
    answerer.retriever.retrieve("warm up")  # the embedder and BM25 load on first use
    answerer.warm_up()
    ready_s = time.perf_counter() - t0

    log(f"answers: {len(plan.questions)} questions, each also sent bare to llama.cpp")
    timings = measure_answers(answerer, recorder, plan.questions, settings.seeds_dir, log)
    seeds_text = "\n".join(p.read_text("utf-8") for p in sorted(settings.seeds_dir.glob("*.txt")))
    raw = raw_throughput(real, seeds_text)
    log(f"raw llama.cpp: {raw['prompt_tokens_per_s']:.1f} prompt tok/s, {raw['generation_tokens_per_s']:.1f} gen tok/s")

    compared = [t for t in timings if t.bare_total_s > 0]
    ours_ft = [t.first_token_s for t in timings]
    ours_tt = [t.total_s for t in timings]
    doc: dict[str, Any] = {
        "machine": machine(),
        "model": real.name,
        "threads": settings.llm_threads,
        "latency": {
            "first_token_p50_s": percentile(ours_ft, 50),
            "first_token_p95_s": percentile(ours_ft, 95),
            "total_p50_s": percentile(ours_tt, 50),
            "total_p95_s": percentile(ours_tt, 95),
            "ready_s": ready_s,
            "model_load_s": model_load_s,
            "prompt_tokens_mean": statistics.fmean(t.prompt_tokens for t in timings) if timings else 0.0,
            "completion_tokens_mean": statistics.fmean(t.completion_tokens for t in timings) if timings else 0.0,
            "answer_accuracy": sum(t.correct for t in timings) / len(timings) if timings else 0.0,
            "n": len(timings),
        },
        "raw_llama": {
            **raw,
            "bare_first_token_p50_s": percentile([t.bare_first_token_s for t in compared], 50),
            "bare_total_p50_s": percentile([t.bare_total_s for t in compared], 50),
        },
        "overhead_ratio_p50": percentile([t.overhead for t in compared], 50),
        "overhead_ratio_p50_without_rewrite": percentile([t.overhead for t in compared if not t.rewritten], 50),
        "questions": [{**t.__dict__, "overhead": t.overhead} for t in timings],
    }

    peer_qs = pick(plan.questions, plan.peer_questions)
    if peer_qs:
        from bot.peer import LlamaIndexCitationEngine

        log(f"peer: {len(peer_qs)} questions through LlamaIndex's CitationQueryEngine")
        engine = LlamaIndexCitationEngine(real, app.index, settings.llm_context)
        peer_times, peer_correct = [], 0
        for q in peer_qs:
            r = engine.run(q)
            peer_times.append(r.total_s)
            peer_correct += score(q, r, settings.seeds_dir).correct
            log(f"  {q.id}: peer {r.total_s:5.1f}s")
        same = [t for t in timings if t.id in {q.id for q in peer_qs}]
        doc["peer"] = {
            "engine": engine.name,
            "n": len(peer_qs),
            "total_p50_s": percentile(peer_times, 50),
            "latency_ratio_p50": percentile([t.total_s for t in same], 50) / percentile(peer_times, 50),
            "answer_accuracy": peer_correct / len(peer_qs),
            "ours_answer_accuracy": sum(t.correct for t in same) / len(peer_qs),
        }
    else:
        doc["peer"] = {"engine": "llamaindex-citation", "n": 0, "total_p50_s": 0.0, "latency_ratio_p50": 0.0}

    doc["scale"] = []
    for size in plan.sizes:
        log(f"scale: {size} chunks (generated corpus, own process)")
        doc["scale"].append(scale_in_subprocess(size))
        s = doc["scale"][-1]
        log(f"  {s['chunks']} chunks: {s['ingest_chunks_per_s']:.0f} chunks/s, p95 {s['retrieval_p95_ms']:.1f} ms")
    if len(doc["scale"]) > 1:
        doc["scale_growth_exponent"] = {
            k: growth(doc["scale"], k)
            for k in (
                "ingest_s",
                "disk_mb",
                "peak_rss_mb",
                "retrieval_p50_ms",
                "retrieval_p95_ms",
                "reindex_one_file_s",
            )
        }
    return doc


def table(doc: dict[str, Any]) -> str:
    lat, raw, peer = doc["latency"], doc["raw_llama"], doc["peer"]
    rows = [
        f"machine: {doc['machine']}; model: {doc['model']}; {doc.get('threads', '?')} threads",
        "",
        "| part | figure | value |",
        "|---|---|---|",
        f"| answer ({lat['n']} q) | first token p50 / p95 | "
        f"{lat['first_token_p50_s']:.2f} s / {lat['first_token_p95_s']:.2f} s |",
        f"| | whole answer p50 / p95 | {lat['total_p50_s']:.2f} s / {lat['total_p95_s']:.2f} s |",
        f"| | ready (model + index + prefix) | {lat['ready_s']:.1f} s |",
        f"| | prompt / completion tokens (mean) | "
        f"{lat['prompt_tokens_mean']:.0f} / {lat['completion_tokens_mean']:.0f} |",
        f"| raw llama.cpp | prompt / generation tokens/s | "
        f"{raw['prompt_tokens_per_s']:.1f} / {raw['generation_tokens_per_s']:.1f} |",
        f"| | same final prompt, bare: total p50 | {raw['bare_total_p50_s']:.2f} s |",
        f"| overhead | ours / bare, p50 (without rewrite) | "
        f"{doc['overhead_ratio_p50']:.2f} ({doc['overhead_ratio_p50_without_rewrite']:.2f}) |",
    ]
    if peer.get("n"):
        rows.append(
            f"| peer ({peer['n']} q) | {peer['engine']} total p50; ours/peer | "
            f"{peer['total_p50_s']:.1f} s; {peer['latency_ratio_p50']:.2f} |"
        )
        rows.append(
            f"| | accuracy peer / ours (same q) | {peer['answer_accuracy']:.2f} / {peer['ours_answer_accuracy']:.2f} |"
        )
    if doc["scale"]:
        rows += [
            "",
            "| chunks | ingest chunks/s | disk MB | peak RSS MB | retrieval p50 / p95 ms | BM25 build s "
            "| re-index one file s |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in doc["scale"]:
            rows.append(
                f"| {s['chunks']} | {s['ingest_chunks_per_s']:.0f} | {s['disk_mb']:.1f} | {s['peak_rss_mb']:.0f} | "
                f"{s['retrieval_p50_ms']:.1f} / {s['retrieval_p95_ms']:.1f} | {s['retriever_build_s']:.2f} | "
                f"{s['reindex_one_file_s']:.2f} |"
            )
        if g := doc.get("scale_growth_exponent"):
            rows.append("")
            rows.append(
                "growth exponent b in figure ~ chunks^b (1 = linear): "
                + ", ".join(f"{k} {v:.2f}" for k, v in g.items() if not math.isnan(v))
            )
    return "\n".join(rows)


def chart(doc: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    names = ["ours", "bare llama.cpp"]
    values = [doc["latency"]["total_p50_s"], doc["raw_llama"]["bare_total_p50_s"]]
    if doc["peer"].get("n"):
        names.append("LlamaIndex citation")
        values.append(doc["peer"]["total_p50_s"])
    ax1.bar(names, values, color=["#3465a4", "#888a85", "#cc0000"][: len(values)])
    ax1.set_ylabel("whole answer, p50 (s)")
    ax1.set_title(f"Answer latency ({doc['model']})")
    if doc["scale"]:
        xs = [s["chunks"] for s in doc["scale"]]
        ax2.plot(xs, [s["retrieval_p95_ms"] for s in doc["scale"]], "o-", label="retrieval p95 (ms)")
        ax2.plot(xs, [s["reindex_one_file_s"] * 1000 for s in doc["scale"]], "s-", label="re-index one file (ms)")
        ax2.set_xscale("log")
        ax2.set_yscale("log")
        ax2.set_xlabel("chunks")
        ax2.legend()
        ax2.set_title("Index scale")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _scale_main(argv: Iterator[str]) -> None:
    from bot.settings import Settings

    chunks = int(next(argv))
    workdir = Path(next(argv))
    print(json.dumps(measure_scale(chunks, workdir, Settings())))


if __name__ == "__main__":  # the scale worker: python -m bot.bench scale N DIR
    args = iter(sys.argv[1:])
    if next(args, None) != "scale":
        sys.exit("usage: python -m bot.bench scale CHUNKS WORKDIR")
    _scale_main(args)
