# The codebegen image: the webhook receiver (`codebegen serve`) and the workers (`codebegen worker`).
# Training (torch) is not in it; the model server is the separate vLLM service (docker-compose.yml).
FROM python:3.11-slim

# git: the worker clones and pushes; the generated projects' checks run with this interpreter.
# bubblewrap: the validation sandbox. As the non-root user below it needs user namespaces: run
# the worker with `--security-opt seccomp=unconfined` (README, "Sandbox"); without them
# validation refuses to run generated code rather than run it bare.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git bubblewrap \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 codebegen
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY worker ./worker
COPY pipeline ./pipeline
COPY training ./training
RUN pip install --no-cache-dir .

USER codebegen
ENV CODEBEGEN_WORKDIR=/tmp/codebegen PYTHONUNBUFFERED=1
EXPOSE 8000
CMD ["codebegen", "serve", "--host", "0.0.0.0", "--port", "8000"]
