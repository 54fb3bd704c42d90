"""The `codebegen` command line. I/O: reads the spec (file or stdin), writes the project,
prints to stdout/stderr.

    codebegen generate --spec examples/blog.md --out blog-api
    codebegen generate --text "Build a todo API with tasks (title, done flag)" --out todo-api
    cat spec.md | codebegen generate --spec - --out api --json
    CODEBEGEN_LLM_BASE_URL=http://localhost:8000/v1 CODEBEGEN_LLM_MODEL=codebegen \
        codebegen generate --spec examples/events.md --out events-api   # with a model server

Subcommands live in `COMMANDS`: each names its arguments function and a handler by import path,
imported only when that command runs, so `codebegen generate` never imports the bot or torch.
Exit codes: 0 success; 1 the command ran but its result failed (e.g. validation); 2 bad input.
A `UserError` is printed as its message (and hint) on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import time
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bot.refine_cli import refine_arguments, regenerate_arguments
from pipeline.errors import SpecError, UserError

if TYPE_CHECKING:
    from pipeline.generate import GenerationResult
    from pipeline.llm import LLMClient, LLMConfig
    from pipeline.llm.retrieve import Retriever
    from pipeline.parse.account import SentenceAccount
    from pipeline.spec import ProjectSpec
    from worker.repoconfig import RepoConfig

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

SPEC_HINT = """\
A spec names the things the API manages and what each one has, for example:

    Build a blog API with posts, comments and user authentication.
    - Posts: title, body, published at (datetime), image (file)
    - Comments: text; a comment belongs to a post
    Only admins can delete posts. Use PostgreSQL and JWT.

Markdown lists, the "### API Description" template, a fenced yaml spec (codebegen.yaml) and an
embedded OpenAPI document work too; see examples/ for one of each."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: Callable[[argparse.ArgumentParser], None]
    handler: str  # "module:function", imported when the command runs; gets the parsed args


# --- generate -----------------------------------------------------------------------------------


def _generate_arguments(p: argparse.ArgumentParser) -> None:
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--spec", metavar="FILE", help="file with the API description; - for stdin")
    source.add_argument("--text", metavar="TEXT", help="the API description itself")
    p.add_argument("--out", metavar="DIR", required=True, type=Path, help="where to write it")
    p.add_argument("--force", action="store_true", help="replace --out if it is not empty")
    p.add_argument("--no-validate", action="store_true", help="skip the sandboxed validation")
    p.add_argument("--json", action="store_true", help="print one JSON document instead")
    p.add_argument(
        "--require-model",
        action="store_true",
        help="fail (exit 2) when a configured model endpoint is unreachable, instead of "
        "delivering the template engine's project with a note",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="write nothing while the description leaves questions open (exit 2)",
    )
    p.add_argument(
        "--no-git",
        action="store_true",
        help="don't make --out a git repository (`codebegen refine` needs one)",
    )
    p.add_argument(
        "--settings",
        metavar="FILE",
        type=Path,
        help="a repository's .github/codebegen.yml: its `defaults` and `llm` choices apply",
    )


def _retriever(config: LLMConfig) -> Retriever | None:
    """Examples for the generator's prompt, built once per run when first asked for; None
    without a generator model."""
    from pipeline.llm.config import Role

    if not config.active(Role.GENERATOR):
        return None
    from pipeline.llm.retrieve import LazyRetriever, process_retriever

    data_dir = Path(os.environ.get("CODEBEGEN_DATA_DIR", ".data"))
    return LazyRetriever(lambda: process_retriever(data_dir))


def run_generate(args: argparse.Namespace) -> int:
    from pipeline.generate import (
        check_out_dir,
        generate_project,
        parse_description,
        write_project,
    )
    from pipeline.llm import llm_config_from_env

    human = sys.stderr if args.json else sys.stdout
    text = _read_source(args)
    check_out_dir(args.out, force=args.force)
    settings = _settings(args.settings)
    config = llm_config_from_env(os.environ)  # UserError on a bad CODEBEGEN_LLM_* setting
    config = config.with_repo_overrides(settings.llm)
    llm = _model_client(config)  # None: the rules and the template engine, exactly
    with llm if llm is not None else contextlib.nullcontext():
        started = time.perf_counter()
        require_model = args.require_model or settings.require_model
        parsed = parse_description(
            text, llm=llm, defaults=settings.defaults, require_model=require_model
        )
        parse_s = round(time.perf_counter() - started, 4)
        if args.strict and parsed.questions:
            raise UserError(
                "The description leaves questions open, and --strict writes nothing until they "
                "are answered:\n" + _numbered(parsed.questions),
                hint="Answer them in the description (or write the spec as a fenced yaml block), "
                "or run without --strict to build on codebegen's guesses.",
            )
        if not args.json:
            print(describe_spec(parsed.spec), file=human)
            print(describe_sentences(parsed.sentences, parsed.questions), file=human)
            print(
                "\nGenerating" + ("" if args.no_validate else " and validating") + " ...",
                file=human,
            )
            human.flush()
        result = generate_project(
            parsed,
            validate=not args.no_validate,
            llm=llm,
            retriever=_retriever(config),
            require_model=require_model,
        )
    total = result.timings["total"] + parse_s
    result.timings = {**result.timings, "parse": parse_s, "total": round(total, 4)}
    out = write_project(result.files, args.out, force=args.force)
    if not args.no_git:
        # The first commit is marked as generated: it is the base of later three-way merges.
        from pipeline.refine import init_generated

        init_generated(out, f"codebegen: generate {result.spec.name}")
    if args.json:
        print(json.dumps({**result.to_dict(), "out": str(out)}, indent=2))
    else:
        if llm is not None:
            print(describe_model_roles(result, config), file=human)
        _print_result(result, out, human)
    return EXIT_OK if result.passed else EXIT_FAILED


def _settings(path: Path | None) -> RepoConfig:
    """The settings file the bot would read from the repository (none: the defaults)."""
    from worker.repoconfig import RepoConfig, parse_repo_config

    if path is None:
        return RepoConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot read the settings file {path}: {exc.strerror}.") from None
    return parse_repo_config(text)


def _model_client(config: LLMConfig) -> LLMClient | None:
    """The HTTP model client when any role has a model; its transport is imported only then."""
    if not config.any_active:
        return None
    from pipeline.llm.http import HTTPClient

    return HTTPClient(config)


def _read_source(args: argparse.Namespace) -> str:
    if args.text is not None:
        text = str(args.text)
    elif args.spec == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.spec).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"Cannot read the spec file {args.spec}: {exc}") from None
    if not text.strip():
        raise SpecError("The API description is empty.")
    return text


def describe_model_roles(result: GenerationResult, config: LLMConfig) -> str:
    """Which roles used a model, which fell back and why, and what each cost."""
    from pipeline.llm import Role

    lines = ["", "Model roles"]
    for role in Role:
        run = result.model_roles.get(role)
        if not config.active(role):
            lines.append(f"  {role.value:<14} off (no model configured: rules and templates)")
            continue
        if run is None:
            lines.append(f"  {role.value:<14} not asked")
            continue
        u = result.usage.roles.get(role)
        cost = (
            f"  ({u.calls} calls, {u.prompt_tokens} tokens in, {u.completion_tokens} out, "
            f"{u.latency_s:.1f} s)"
            if u
            else ""
        )
        lines.append(f"  {role.value:<14} {run.status.value}{cost}")
        lines += [f"    {note}" for note in run.notes]
        lines += [f"    rejected {why}" for why in run.rejected]
    return "\n".join(lines)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"  {i}. {q}" for i, q in enumerate(items, 1))


def describe_sentences(sentences: list[SentenceAccount], questions: list[str]) -> str:
    """What each sentence became, or why nothing; then the open questions (built on guesses)."""
    from pipeline.parse.account import SentenceStatus

    if not sentences:
        return ""
    lines = ["", "What each sentence became"]
    for i, s in enumerate(sentences, 1):
        text = s.text if len(s.text) <= 100 else s.text[:99] + "…"
        lines.append(f"  {i:>2}. {text}")
        lines += [f"      -> {item}" for item in s.became]
        if s.status is not SentenceStatus.USED or not s.became:
            status = s.status.value.replace("_", " ")
            said = s.reason if s.reason.startswith(status) else f"{status}: {s.reason}"
            lines.append(f"      -> {said if s.reason else status}")
    if questions:
        lines += ["", "Open questions (built on codebegen's guesses; --strict refuses):"]
        lines.append(_numbered(questions))
    return "\n".join(lines)


def _print_result(result: GenerationResult, out: Path, stream: TextIO) -> None:
    if result.report is not None:
        if result.report.refused:
            print("\nValidation (NOT sandboxed: generated code was not run)", file=stream)
        else:
            print("\nValidation (sandboxed: no network, limited CPU, memory and time)", file=stream)
        print(result.report.to_text(), file=stream)
    shown = {note for run in result.model_roles.values() for note in run.notes}
    for note in result.notes:
        if note not in shown:  # the model roles' notes are in their own section
            print(f"note: {note}", file=stream)
    if result.not_implemented:
        print("not implemented (served, answering 501):", file=stream)
        print("\n".join(f"  {op}" for op in result.not_implemented), file=stream)
    if result.findings:
        print(f"review: {len(result.findings)} findings (see the PR review or --json)", file=stream)
    stages = ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items() if k != "total")
    print(f"\ntime: {result.timings.get('total', 0):.1f} s ({stages})", file=stream)
    files = len(result.files)
    if result.passed:
        print(f"Wrote {files} files to {out}", file=stream)
        print(f"Next: {next_command(out)}   # then open http://127.0.0.1:8000/docs", file=stream)
    else:
        failed = ", ".join(c.name for c in result.report.failures) if result.report else ""
        print(
            f"Wrote {files} files to {out}, but the project FAILED validation ({failed}).\n"
            "It is kept so you can look at it; do not ship it as is.",
            file=stream,
        )


def next_command(out: Path) -> str:
    """The command that serves the project, runnable as printed from the current folder: uvicorn
    of this interpreter's environment (the quickstart's .venv), which has the project's pins."""
    uvicorn = Path(sys.executable).parent / "uvicorn"
    if not uvicorn.is_file():
        return f"cd {out} && {Path(sys.executable)} -m uvicorn app.main:app --reload"
    relative = os.path.relpath(uvicorn, out.resolve())
    return f"cd {out} && {relative} app.main:app --reload"


def describe_spec(spec: ProjectSpec) -> str:
    """The schema codebegen understood, as a person reads it in a terminal."""
    from pipeline.spec import Operation

    lines = [f"Understood: {spec.title} ({spec.name})", "", "Entities"]
    for e in spec.entities:
        ops = (
            "" if len(e.operations) == len(Operation) else ", ".join(o.value for o in e.operations)
        )
        lines.append(f"  {e.name}  {e.path}" + (f"  (only {ops})" if ops else ""))
        width = max((len(f.name) for f in e.fields), default=4)
        for f in e.fields:
            kind = f.type.value + (f"({', '.join(f.choices)})" if f.choices else "")
            flags = [
                flag for flag, on in (("unique", f.unique), ("optional", not f.required)) if on
            ]
            if f.default is not None:
                flags.append(f"default {f.default}")
            lines.append(f"    {f.name:<{width}}  {kind:<10}  {', '.join(flags)}".rstrip())
        if not e.fields:
            lines.append("    (no fields of its own)")
    if spec.relations:
        lines.append("Relations")
        for r in spec.relations:
            arrow = "->" if r.kind.value == "many_to_one" else "<->"
            extra = "" if r.kind.value != "many_to_one" or r.required else ", optional"
            lines.append(f"  {r.source}.{r.name} {arrow} {r.target}  ({r.kind.value}{extra})")
    auth = "JWT (register, login, /me; writes need a token)" if spec.auth.value == "jwt" else "none"
    lines.append(f"Auth: {auth}")
    if spec.roles:
        roles = [
            r
            + (" (first admin)" if i == 0 else "")
            + (" (new users)" if r == spec.default_role else "")
            for i, r in enumerate(spec.roles)
        ]
        lines.append(f"Roles: {', '.join(roles)}")
    for p in spec.permissions:
        actions = ", ".join(a.value for a in p.actions)
        lines.append(f"  only {', '.join(p.roles)} may {actions} {p.entity}")
    features = []
    if spec.features.pagination:
        features.append("pagination")
    if spec.features.filtering:
        features.append("filtering")
    features += [
        f"upload {u.entity}.{u.field} (max {u.max_size_mb} MB)" for u in spec.features.uploads
    ]
    lines.append(f"Features: {', '.join(features) or 'none'}")
    lines.append(f"Database: {spec.database.value}")
    return "\n".join(lines)


# --- serve, worker, demo (handlers in bot/serve.py and bot/demo.py) ----------------------------


def _log_level(p: argparse.ArgumentParser) -> None:
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 in docker)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1, help="processes answering webhooks")
    _log_level(p)


def _worker_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    p.add_argument("--simple", action="store_true", help="run jobs in this process (no fork)")
    _log_level(p)


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--spec", type=Path, default=None, help="the issue's text (default: examples/blog.md)"
    )
    p.add_argument(
        "--redis-url", default="redis://127.0.0.1:6379/15", help="a Redis db it may flush"
    )
    p.add_argument("--keep", action="store_true", help="keep serving until Ctrl-C to look around")


# --- the command table: other commands add a block here ------------------------------------------

COMMANDS: list[Command] = [
    Command(
        "generate",
        "turn an API description into a validated FastAPI project",
        _generate_arguments,
        "bot.cli:run_generate",
    ),
    Command(
        "serve",
        "receive GitHub webhooks (the App's webhook URL points here)",
        _serve_arguments,
        "bot.serve:run_serve",
    ),
    Command(
        "worker",
        "run the jobs the webhooks queue (generation, acknowledgements)",
        _worker_arguments,
        "bot.serve:run_worker",
    ),
    Command(
        "demo",
        "the whole loop on this machine: a local GitHub, the bot, a worker, one issue",
        _demo_arguments,
        "bot.demo:run_demo",
    ),
    # refinement (handlers and arguments in bot/refine_cli.py)
    Command(
        "refine",
        "change a generated project's spec in words; regenerate and merge, keeping your edits",
        refine_arguments,
        "bot.refine_cli:run_refine",
    ),
    Command(
        "regenerate",
        "regenerate a project from its edited codebegen.yaml, keeping your edits",
        regenerate_arguments,
        "bot.refine_cli:run_regenerate",
    ),
    # dataset and training (arguments and handlers in training/cli.py; torch loads only in train)
    Command(
        "dataset",
        "the training dataset: import a project, stats, build samples, synth rows",
        lambda p: _training_cli().dataset_arguments(p),
        "training.cli:run_dataset",
    ),
    Command(
        "train",
        "train the LoRA adapter on the built samples (peft; --config training/configs/lora.yaml)",
        lambda p: _training_cli().train_arguments(p),
        "training.cli:run_train",
    ),
]


def _training_cli() -> types.ModuleType:
    return importlib.import_module("training.cli")  # stdlib and dataclasses only at import


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="codebegen", description="Generate FastAPI projects from API descriptions."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=command.help, description=command.help)
        command.arguments(p)
        p.set_defaults(handler=command.handler)
    return parser


def _handler(path: str) -> Callable[[argparse.Namespace], int]:
    module, _, name = path.partition(":")
    fn: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), name)
    return fn


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _handler(args.handler)(args)
    except SpecError as exc:
        _error(exc.message, exc.hint or SPEC_HINT)
        return EXIT_USAGE
    except UserError as exc:
        _error(exc.message, exc.hint)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so in one line, the traceback only on request
        if os.environ.get("CODEBEGEN_DEBUG"):
            raise
        _error(
            f"codebegen failed on this input (a bug in codebegen, not in your text): "
            f"{type(exc).__name__}: {exc}",
            "Please report it with the input; CODEBEGEN_DEBUG=1 shows the traceback.",
        )
        return EXIT_FAILED


def _error(message: str, hint: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    if hint:
        print(f"\n{hint}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
