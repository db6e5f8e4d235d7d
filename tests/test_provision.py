"""Model assembly from part packages, on small fake parts."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from bot.errors import ModelLoadError, ModelNotFound
from bot.provision import PackagedModel, model_path, provision, verify


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, contents: list[bytes]) -> PackagedModel:
    site = tmp_path / "site"
    for i, data in enumerate(contents, start=1):
        pkg = site / f"fake_model_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    for i in range(1, len(contents) + 1):
        sys.modules.pop(f"fake_model_part{i}", None)
    whole = b"".join(contents)
    return PackagedModel(
        name="fake",
        filename="fake.gguf",
        parts=len(contents),
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        module_pattern="fake_model_part{i}",
    )


def test_parts_are_assembled_in_order_and_verified(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_parts(tmp_path, monkeypatch, [b"GGUF-one-", b"two-", b"three"])
    path = provision(tmp_path / "cache", model, progress=False)
    assert path == model_path(tmp_path / "cache", model)
    assert path.read_bytes() == b"GGUF-one-two-three"
    assert not path.with_name(path.name + ".part").exists()
    verify(path, model)  # the stamp makes this cheap, and it passes


def test_a_tampered_model_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_parts(tmp_path, monkeypatch, [b"GGUF-one-", b"two-", b"three"])
    path = provision(tmp_path / "cache", model, progress=False)
    path.write_bytes(b"GGUF-one-two-thre!")  # same size, other bytes
    os.utime(path, ns=(1, 1))
    with pytest.raises(ModelLoadError, match="checksum"):
        verify(path, model)
    # provision replaces the bad file with a good one.
    assert provision(tmp_path / "cache", model, progress=False).read_bytes() == b"GGUF-one-two-three"


def test_wrong_parts_never_become_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_parts(tmp_path, monkeypatch, [b"GGUF-one-", b"two-", b"three"])
    bad = PackagedModel(**{**model.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelLoadError, match="checksum"):
        provision(tmp_path / "cache", bad, progress=False)
    assert not model_path(tmp_path / "cache", bad).exists()


def test_missing_packages_say_how_to_install(tmp_path: Path) -> None:
    model = PackagedModel(name="x", filename="x.gguf", parts=2, size=1, sha256="0", module_pattern="no_such_part{i}")
    with pytest.raises(ModelNotFound, match="make model"):
        provision(tmp_path, model, progress=False)
