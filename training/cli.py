"""`codebegen dataset {import,stats,build,synth}` and `codebegen train`: arguments and handlers.

`bot/cli.py` lists both commands in its table with `dataset_arguments` / `train_arguments` and the
handlers `run_dataset` / `run_train`; `python -m training.cli ...` is the same without the bot. The
module top imports only the standard library and the config dataclasses, because `codebegen`
builds every command's arguments on each run; the dataset, samples and torch load in the handlers.
I/O: the store under `CODEBEGEN_DATA_DIR` (or `--data-dir`), the samples file, and stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import types
import typing
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.config import DataArguments, LoraArguments, ModelArguments, TrainArguments

if TYPE_CHECKING:
    from training.dataset import Store

SAMPLES_FILE = "samples.jsonl"  # `dataset build` output, under the data directory by default
DEFAULT_MAX_TOKENS = 16384  # the seed's cutoff (training.samples.DEFAULT_MAX_TOKENS)
STAGES = ("intent_schema", "schema_structure", "structure_code", "code_iteration", "code_docs")


def _store(args: argparse.Namespace) -> Store:
    from training.dataset import Store

    return Store(args.data_dir)


def cmd_import(args: argparse.Namespace) -> int:
    from training.dataset import Output, Provenance, Row, Source, expected_architecture
    from training.project import context_of, prompt_of, quality_of, read_tree, spec_of

    root = Path(args.dir)
    if not root.is_dir():
        print(f"error: {root} is not a directory", file=sys.stderr)
        return 2
    files = read_tree(root)
    spec = spec_of(files)
    prompt = args.prompt or prompt_of(spec)
    if not prompt:
        print(f"error: {root} has no codebegen.yaml description; pass --prompt", file=sys.stderr)
        return 2
    score = None if args.no_validate else quality_of(files)
    row = Row(
        id=args.id or f"import_{root.resolve().name}",
        prompt=prompt,
        context=context_of(spec),
        expected_architecture=expected_architecture(files),
        output=Output(files=files),
        quality_score=score,
        provenance=Provenance(source=Source.IMPORT, path=str(root.resolve())),
    )
    added = _store(args).append(row)
    quality = "not validated" if score is None else f"quality {score:.2f}"
    state = "added" if added else "already in the dataset"
    print(f"{row.id}: {len(files)} files, {quality}, {state}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = _store(args)
    rows: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    complexity: Counter[str] = Counter()
    material: Counter[str] = Counter()
    chars = files = 0
    for row in store:
        rows["rows"] += 1
        sources[row.provenance.source.value] += 1
        domains[row.context.domain] += 1
        complexity[row.context.complexity] += 1
        files += len(row.output.files)
        chars += sum(len(c) for c in row.output.files.values())
        material["intent_schema"] += "codebegen.yaml" in row.output.files
        material["schema_structure"] += 1
        material["structure_code"] += 1
        material["code_iteration"] += len(row.refinements)
        material["code_docs"] += "README.md" in row.output.files
    n = rows["rows"]
    size = sum(p.stat().st_size for p in store.shards())
    print(f"dataset: {store.root}  rows: {n}  shards: {len(store.shards())}  size: {_mb(size)}")
    if n:
        print(f"files per row: {files / n:.1f}  characters per row: {chars / n:,.0f}")
    _table("source", sources)
    _table("domain", domains)
    _table("complexity", complexity)
    _table("stage material (rows, refinements)", material)
    samples = Path(args.samples or store.root / SAMPLES_FILE)
    if samples.exists():
        with samples.open() as f:
            stages = Counter(json.loads(line)["stage"] for line in f if line.strip())
        _table(f"samples in {samples} ({_mb(samples.stat().st_size)})", stages)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from training.samples import Report, Stage, estimate_tokens, iter_samples, tokenizer_counter

    count: Callable[[str], int] = estimate_tokens
    if args.tokenizer:
        from transformers import AutoTokenizer

        count = tokenizer_counter(AutoTokenizer.from_pretrained(args.tokenizer))
    store = _store(args)
    stages = [Stage(s) for s in args.stages] if args.stages else list(Stage)
    report = Report()
    samples = iter_samples(
        store,
        report=report,
        max_tokens=args.max_tokens,
        count=count,
        stages=stages,
        min_quality=args.min_quality,
    )
    out = Path(args.out or store.root / SAMPLES_FILE)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=out.parent, delete=False, suffix=".tmp") as tmp:
        for sample in samples:  # streamed: a big dataset never sits in memory
            tmp.write(sample.model_dump_json() + "\n")
    os.replace(tmp.name, out)  # readers see the old file or the new one, never half of one
    counter = "tokenizer" if args.tokenizer else "chars/4 estimate"
    print(
        f"rows: {report.rows}  below min quality: {report.low_quality}  "
        f"unformattable .py kept as written: {report.unformatted}"
    )
    print(f"context window: {args.max_tokens} tokens ({counter})")
    header = ("stage", "kept", "split", "parts", "narrowed", "dropped", "dropped files", "skipped")
    print("  ".join(f"{h:>13}" for h in header))
    for stage, c in report.stages.items():
        cells = (c.kept, c.split, c.parts, c.narrowed, c.dropped, c.dropped_files, c.skipped)
        print(f"{stage.value:>16}" + "".join(f"{v:>15}" for v in cells))
    print(f"samples: {report.samples} -> {out}")
    return 0


def _synth_batch(seed: int, n: int, validate: bool) -> tuple[list[str], list[str]]:
    from training.synth import synth_rows

    failed: list[str] = []
    rows = [r.model_dump_json() for r in synth_rows(n, seed=seed, validate=validate, failed=failed)]
    return rows, failed


def cmd_synth(args: argparse.Namespace) -> int:
    from training.dataset import Row

    store = _store(args)
    started = time.monotonic()
    batch = 10  # rows per task and per store append
    end = args.seed + args.n
    tasks = [(s, min(batch, end - s)) for s in range(args.seed, end, batch)]
    added = made = 0
    failed: list[str] = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(_synth_batch, s, n, args.validate) for s, n in tasks]
        for future in futures:
            rows, errors = future.result()
            failed += errors
            made += len(rows)
            added += store.append_many(Row.model_validate_json(r) for r in rows)
            done = made + len(failed)
            print(f"\rsynth: {done}/{args.n} specs", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    took = time.monotonic() - started
    print(
        f"synth: {made} rows generated, {added} added, {made - added} already there ({took:.1f} s)"
    )
    if failed:
        print(f"{len(failed)} specs did not render (a template bug; report it):", file=sys.stderr)
        for line in failed[:10]:
            print(f"  {line}", file=sys.stderr)
    return 1 if failed else 0


def run_train(args: argparse.Namespace) -> int:
    """`codebegen train`: the flags given (and only those) go on to `training.lora`."""
    from training.lora import main as train_main

    argv = ["--config", args.config] if args.config else []
    for config in TRAIN_CONFIGS:
        for f in fields(config):
            if f.name in vars(args):
                value = getattr(args, f.name)
                argv += [f"--{f.name}", *map(str, value if isinstance(value, list) else [value])]
    return train_main(argv)


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def _table(title: str, counts: Counter[str]) -> None:
    if counts:
        print(f"{title}:")
        for key, value in counts.most_common():
            print(f"  {key:<28} {value}")


TRAIN_CONFIGS = (ModelArguments, LoraArguments, DataArguments, TrainArguments)
_ACTIONS = {
    "import": "cmd_import",
    "stats": "cmd_stats",
    "build": "cmd_build",
    "synth": "cmd_synth",
}


def _bool(text: str) -> bool:
    if text.lower() in ("1", "true", "yes", "on"):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    raise argparse.ArgumentTypeError(f"not a boolean: {text!r}")


def dataset_arguments(p: argparse.ArgumentParser) -> None:
    """`dataset {import,stats,build,synth}` (stdlib only: `codebegen` builds this on every run)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", help="dataset directory (default: $CODEBEGEN_DATA_DIR or .data)"
    )
    ds = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    imp = ds.add_parser("import", parents=[common], help="add a local generated project as a row")
    imp.add_argument("dir")
    imp.add_argument(
        "--no-validate", action="store_true", help="skip the validator (quality unset)"
    )
    imp.add_argument("--prompt", help="the description, when the project has no codebegen.yaml")
    imp.add_argument("--id", help="row id (default: import_<dirname>)")

    st = ds.add_parser("stats", parents=[common], help="counts per source, domain and stage; sizes")
    st.add_argument("--samples", help="samples file to count (default: <data-dir>/samples.jsonl)")

    bd = ds.add_parser("build", parents=[common], help="rows -> the five stages' chat samples")
    bd.add_argument("--out", help="samples file (default: <data-dir>/samples.jsonl)")
    bd.add_argument("--max-tokens", type=int, default=DEFAULT_MAX_TOKENS, help="context window")
    bd.add_argument("--tokenizer", help="count tokens with this tokenizer (default: chars/4)")
    bd.add_argument("--min-quality", type=float, default=0.0, help="skip rows scored below this")
    bd.add_argument("--stages", nargs="+", choices=STAGES, help="default: all five")

    sy = ds.add_parser("synth", parents=[common], help="rows from generated specs, rendered")
    sy.add_argument("--n", type=int, default=500, help="how many specs")
    sy.add_argument("--seed", type=int, default=0, help="first seed (specs use seed..seed+n-1)")
    sy.add_argument("--validate", action="store_true", help="score each project (slow)")
    sy.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")


def run_dataset(args: argparse.Namespace) -> int:
    handler: Callable[[argparse.Namespace], int] = globals()[_ACTIONS[args.action]]
    return handler(args)


def train_arguments(p: argparse.ArgumentParser) -> None:
    """`train --config FILE` plus every field of training/config.py as a flag that overrides it."""
    p.add_argument("--config", help="YAML config, e.g. training/configs/lora.yaml")
    for config in TRAIN_CONFIGS:
        group = p.add_argument_group(config.__name__)
        hints = typing.get_type_hints(config)
        for f in fields(config):
            kind, default = hints[f.name], config().__dict__[f.name]
            opts: dict[str, Any] = {
                "default": argparse.SUPPRESS,  # only flags given override the config file
                "help": f"{f.metadata.get('help', '')} (default: {default})",
            }
            if kind is bool:
                opts |= {"type": _bool, "nargs": "?", "const": True}
            elif typing.get_origin(kind) is list:
                opts |= {"nargs": "+"}
            elif isinstance(kind, types.UnionType):  # `str | None`
                opts |= {"type": str}
            else:
                opts |= {"type": kind}
            group.add_argument(f"--{f.name}", **opts)


def parser() -> argparse.ArgumentParser:
    """The standalone parser (`python -m training.cli`); `codebegen` builds the same two commands."""
    p = argparse.ArgumentParser(prog="codebegen", description="Dataset and LoRA training.")
    sub = p.add_subparsers(dest="command", required=True)
    dataset_arguments(sub.add_parser("dataset", help="the training dataset"))
    train_arguments(sub.add_parser("train", help="train the LoRA adapter"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return run_dataset(args) if args.command == "dataset" else run_train(args)


if __name__ == "__main__":
    sys.exit(main())
