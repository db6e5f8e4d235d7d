#!/usr/bin/env bash
# Build and install llama-cpp-python with CPU flags chosen on purpose.
#
# Why not a plain `pip install llama-cpp-python`: its default build uses
# -march=native, which enables Intel AMX where the CPU has it, and the first
# decode then dies with SIGSEGV in ggml_backend_amx_mul_mat.  pip's wheel cache
# also ignores CMAKE_ARGS, so a wheel built once with bad flags would be reused
# forever.  We therefore build with --no-cache-dir into a wheel directory of our
# own whose name is derived from the version and the flags: a change of either
# gives a new directory, and a stale wheel can never be picked up.
#
# Usage: scripts/build-llama.sh PYTHON
#   DOCQA_LLAMA_CUDA=1      build with CUDA (needs nvcc); layers are then
#                           offloaded with DOCQA_LLM_GPU_LAYERS
#   DOCQA_LLAMA_AVX512=auto AVX-512 (never AMX) when this CPU has it (the default);
#                           0 leaves it out: an image built here may run on a CPU
#                           without it (the Dockerfile sets 0); 1 insists
#   DOCQA_LLAMA_CMAKE_ARGS  replace the chosen flags entirely
#   DOCQA_LLAMA_PLAN=1      print the chosen flags and stop (tests read this)
#   DOCQA_CPUINFO           read CPU flags from this file instead of /proc/cpuinfo
set -euo pipefail

PY=${1:?usage: build-llama.sh PYTHON}
VERSION=${DOCQA_LLAMA_VERSION:-0.3.36}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/docqa/wheels

CPUINFO=${DOCQA_CPUINFO:-/proc/cpuinfo}
has() { grep -m1 -qw "$1" "$CPUINFO" 2>/dev/null; }

if [ -n "${DOCQA_LLAMA_CMAKE_ARGS:-}" ]; then
  flags=$DOCQA_LLAMA_CMAKE_ARGS
  why="DOCQA_LLAMA_CMAKE_ARGS"
else
  # GGML_NATIVE=OFF keeps -march=native (and with it AMX) out of the build.
  flags="-DGGML_NATIVE=OFF"
  why="portable x86-64"
  if has avx2 && has fma && has f16c; then
    flags+=" -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
    has bmi2 && flags+=" -DGGML_BMI2=ON"
    why="AVX2/FMA/F16C"
  elif has avx; then
    flags+=" -DGGML_AVX=ON -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF"
    why="AVX only (older CPU)"
  elif [ "$(uname -m)" != "x86_64" ]; then
    why="non-x86 ($(uname -m)): compiler defaults"
  fi
  # Measured on a 2-core AMD EPYC: prompt processing (what decides our latency on a
  # CPU) ~90 tokens/s with AVX-512 against ~70 with AVX2 alone; generation the same.
  avx512=${DOCQA_LLAMA_AVX512:-auto}
  if [ "$avx512" != 0 ] && has avx512f && has avx512bw && has avx512vl && has avx512dq && has avx512cd; then
    flags+=" -DGGML_AVX512=ON"
    why+=" + AVX-512"
  elif [ "$avx512" = 1 ]; then
    echo "DOCQA_LLAMA_AVX512=1, but this CPU lacks AVX-512 (F, CD, VL, DQ and BW are needed)" >&2
    exit 1
  fi
  flags+=" -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
  if [ "${DOCQA_LLAMA_CUDA:-0}" = 1 ]; then
    flags+=" -DGGML_CUDA=on"
    why+=" + CUDA"
  fi
fi

if [ "${DOCQA_LLAMA_PLAN:-0}" = 1 ]; then
  echo "CPU flags [$why]: $flags"
  exit 0
fi

key=$(printf '%s|%s' "$VERSION" "$flags" | sha256sum | cut -c1-12)
dir="$CACHE/llama-cpp-python-$VERSION-$key"

installed=$("$PY" -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))' 2>/dev/null || true)
stamp="$("$PY" -c 'import sys; print(sys.prefix)')/.docqa-llama-flags"
if [ "$installed" = "$VERSION" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then
  echo "llama-cpp-python $VERSION already installed with flags [$why] ($key)"
  exit 0
fi

echo "llama-cpp-python $VERSION: CPU flags [$why]"
echo "  CMAKE_ARGS=$flags"
if ! ls "$dir"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  echo "  building the wheel (about 6 minutes on 2 cores; kept in $dir)"
  mkdir -p "$dir.tmp"
  CMAKE_ARGS="$flags" CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) \
    "$PY" -m pip wheel --no-cache-dir --no-deps --no-binary llama-cpp-python \
      -w "$dir.tmp" "llama-cpp-python==$VERSION"
  rm -rf "$dir" && mv "$dir.tmp" "$dir"
else
  echo "  reusing the wheel built with these flags in $dir"
fi
"$PY" -m pip install --no-cache-dir --force-reinstall --no-deps "$dir"/llama_cpp_python-*.whl
# llama-cpp-python's runtime dependencies, installed from the index as usual.
"$PY" -m pip install -q "numpy>=1.20" "typing-extensions>=4.5" "diskcache>=5.6.1" "jinja2>=2.11.3"
echo "$key" > "$stamp"
