# syntax=docker/dockerfile:1
# docqa: the Telegram bot on CPU by default.
#   docker build -t docqa .
#   docker build --build-arg LLAMA_CUDA=1 --build-arg BASE=nvidia/cuda:12.4.1-devel-ubuntu22.04 -t docqa:cuda .
#   docker run -e DOCQA_TELEGRAM_TOKEN=... -v docqa-data:/data docqa
# The build runs the same steps as `make setup`: torch pinned first, llama-cpp-python
# built by scripts/build-llama.sh with portable CPU flags (never -march=native, whose
# AMX path crashes on some Xeons), the model assembled from its packages and checked.
ARG BASE=python:3.11-slim-bookworm
# The torch requirement; point PIP_EXTRA_INDEX_URL at a CPU-only wheel index to keep
# the image small, as `make setup` does with the CPU build on its machines.
ARG TORCH_SPEC=torch==2.13.0
ARG PIP_EXTRA_INDEX_URL=

FROM ${BASE} AS build
ARG LLAMA_CUDA=0
# The image may run on a CPU other than the one that builds it: no AVX-512 unless asked.
ARG LLAMA_AVX512=0
ARG TORCH_SPEC
ARG PIP_EXTRA_INDEX_URL
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOCQA_LLAMA_CUDA=${LLAMA_CUDA} DOCQA_LLAMA_AVX512=${LLAMA_AVX512} XDG_CACHE_HOME=/opt/docqa-cache
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
RUN pip install --upgrade pip && pip install "${TORCH_SPEC}"
COPY scripts/build-llama.sh scripts/
RUN scripts/build-llama.sh /opt/venv/bin/python
COPY pyproject.toml README.md ./
COPY bot bot
COPY index index
RUN pip install '.[llama,model,telegram]'
# Assemble and verify the default model into the image (no download at run time).
RUN docqa provision

FROM ${BASE} AS runtime
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 \
    XDG_CACHE_HOME=/opt/docqa-cache DOCQA_DATA_DIR=/data DOCQA_SEEDS_DIR=/app/seeds \
    DOCQA_PROMPTS_DIR=/app/prompts HF_HUB_OFFLINE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 docqa \
 && mkdir -p /data && chown docqa:docqa /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/docqa-cache/docqa/models /opt/docqa-cache/docqa/models
WORKDIR /app
COPY prompts prompts
COPY seeds seeds
USER 10001
VOLUME ["/data"]
# Healthy when the settings, prompts and model file check out and the index opens.
HEALTHCHECK --interval=60s --timeout=20s --start-period=120s --retries=3 \
  CMD ["docqa", "provision"]
# Index the seeds (idempotent: unchanged files are skipped), then serve.
CMD ["sh", "-c", "docqa index --quiet && exec docqa telegram"]
