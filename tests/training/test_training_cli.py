"""The commands CI runs: dataset synth/import/stats/build, train on the tiny model, load the adapter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main  # the `codebegen` entry point: the same commands CI runs
from tests.training.tiny import make_model_dir
from training import cli
from training.dataset import Store
from training.samples import Stage


def test_synth_build_train_and_load_the_adapter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert (
        main(["dataset", "synth", "--n", "2", "--seed", "3", "--jobs", "1", "--data-dir", data])
        == 0
    )
    assert "2 added" in capsys.readouterr().out
    assert (
        main(["dataset", "synth", "--n", "1", "--seed", "3", "--jobs", "1", "--data-dir", data])
        == 0
    )
    assert "0 added, 1 already there" in capsys.readouterr().out
    assert len(Store(data)) == 2

    samples = tmp_path / "samples.jsonl"
    assert (
        main(
            ["dataset", "build", "--data-dir", data, "--max-tokens", "2000", "--out", str(samples)]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "structure_code" in out and f"-> {samples}" in out
    lines = [json.loads(line) for line in samples.read_text().splitlines()]
    assert {s["stage"] for s in lines} >= {"intent_schema", "schema_structure", "structure_code"}
    assert any(s["part"] for s in lines)  # 2,000 tokens forces splits

    assert main(["dataset", "stats", "--data-dir", data, "--samples", str(samples)]) == 0
    stats = capsys.readouterr().out
    assert "rows: 2" in stats and "synth" in stats and "samples in" in stats

    # A tiny model whose tokenizer has seen code, so a 2,000-token sample stays short on the CPU.
    tiny_model_dir = make_model_dir(
        tmp_path / "model", samples.read_text().splitlines(), vocab_size=1500
    )
    config = tmp_path / "lora.yaml"
    config.write_text(
        f"model_name_or_path: {tiny_model_dir}\ntrain_file: {samples}\nmax_length: 4096\n"
        f"output_dir: {tmp_path / 'out'}\nmax_steps: 1\ngradient_accumulation_steps: 1\n"
        "learning_rate: 1.0e-3\nlogging_steps: 1\nmax_eval_items: 2\ndisable_tqdm: true\n"
    )
    assert main(["train", "--config", str(config), "--save_steps", "1"]) == 0
    assert "eval_loss" in capsys.readouterr().out
    adapter = tmp_path / "out" / "adapter"
    summary = json.loads((adapter / "codebegen_training.json").read_text())
    assert summary["data"]["examples"] > 0

    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_model_dir), adapter)
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    ids = tok("### API Description:", return_tensors="pt")
    assert (
        model.generate(**ids, max_new_tokens=4, do_sample=False).shape[1]
        > ids["input_ids"].shape[1]
    )


def test_import_adds_a_local_project_once(
    blog_files: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "blog-api"
    for path, content in blog_files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(content)
    (project / "__pycache__").mkdir()
    (project / "__pycache__" / "x.pyc").write_bytes(b"\0\1")
    data = str(tmp_path / "data")
    assert main(["dataset", "import", str(project), "--no-validate", "--data-dir", data]) == 0
    assert "added" in capsys.readouterr().out
    assert main(["dataset", "import", str(project), "--no-validate", "--data-dir", data]) == 0
    assert "already in the dataset" in capsys.readouterr().out
    (row,) = list(Store(data))
    assert row.prompt == "A blog with posts and comments. Users log in with JWT."
    assert set(row.output.files) == set(blog_files) and row.quality_score is None


def test_import_of_a_missing_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["dataset", "import", str(tmp_path / "nope"), "--data-dir", str(tmp_path)]) == 2
    assert "is not a directory" in capsys.readouterr().err


def test_train_passes_only_the_flags_given_to_training_lora(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import training.lora

    seen: list[list[str]] = []
    monkeypatch.setattr(training.lora, "main", lambda argv: seen.append(argv) or 0)
    argv = [
        "train",
        "--config",
        "c.yaml",
        "--resume",
        "--max_steps",
        "5",
        "--lora_target_modules",
        "q_proj",
        "v_proj",
        "--packing",
        "false",
    ]
    assert main(argv) == 0
    assert seen == [
        [
            "--config",
            "c.yaml",
            "--lora_target_modules",
            "q_proj",
            "v_proj",
            "--packing",
            "False",
            "--max_steps",
            "5",
            "--resume",
            "True",
        ]
    ]


def test_cli_stage_names_are_the_sample_stages() -> None:
    assert cli.STAGES == tuple(s.value for s in Stage)
