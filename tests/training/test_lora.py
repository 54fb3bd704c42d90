"""Really train a tiny Qwen2 with LoRA on the CPU, like trl's tests: a few steps, then check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from tests.training.conftest import chat
from training import lora
from training.config import DataArguments, LoraArguments, ModelArguments, TrainArguments


def _args(model_dir: Path, samples: Path, out: Path, **train: Any) -> tuple[Any, ...]:
    defaults: dict[str, Any] = dict(
        output_dir=str(out),
        max_steps=8,
        learning_rate=3e-3,
        gradient_accumulation_steps=1,
        warmup_steps=0,
        lr_scheduler_type="constant",
        logging_steps=1,
        eval_steps=4,
        save_steps=4,
        disable_tqdm=True,
        seed=0,
    )
    return (
        ModelArguments(model_name_or_path=str(model_dir)),
        LoraArguments(),
        DataArguments(train_file=str(samples), max_length=1024, eval_ratio=0.25),
        TrainArguments(**{**defaults, **train}),
    )


@pytest.fixture(scope="module")
def trained(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Train on one repeated batch; keep the weights before and after."""
    from transformers import AutoTokenizer

    tmp = tmp_path_factory.mktemp("train")
    samples = tmp / "samples.jsonl"
    samples.write_text("".join(json.dumps(chat(i)) + "\n" for i in (1, 1, 1, 1, 2)))
    margs, largs, dargs, targs = _args(tiny_model_dir, samples, tmp / "out")
    dargs.packing = False
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    train_items, eval_items, report = lora.load_data(tok, dargs, seed=0)
    model = lora.build_model(margs, largs, targs)
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    trainer = lora.make_trainer(model, tok, train_items[:1] * 8, eval_items, targs, bf16=False)
    trainer.train()
    after = {n: p.detach().clone() for n, p in model.named_parameters()}
    trainer.save_model(str(tmp / "adapter"))
    return {
        "trainer": trainer,
        "before": before,
        "after": after,
        "model": model,
        "adapter": tmp / "adapter",
        "report": report,
        "eval_items": eval_items,
    }


def test_loss_is_logged_and_goes_down_on_a_repeated_batch(trained: dict[str, Any]) -> None:
    losses = [h["loss"] for h in trained["trainer"].state.log_history if "loss" in h]
    assert len(losses) >= 8
    assert losses[-1] < losses[0] * 0.95


def test_eval_loss_is_reported(trained: dict[str, Any]) -> None:
    assert trained["eval_items"]
    assert any("eval_loss" in h for h in trained["trainer"].state.log_history)


def test_every_lora_parameter_changed_and_no_base_weight_did(trained: dict[str, Any]) -> None:
    before, after, model = trained["before"], trained["after"], trained["model"]
    lora_names = [n for n, p in model.named_parameters() if p.requires_grad]
    assert lora_names and all("lora_" in n for n in lora_names)
    targets = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}
    assert {n.split(".lora_")[0].rsplit(".", 1)[-1] for n in lora_names} == targets
    for name in lora_names:
        assert not torch.equal(before[name], after[name]), f"{name} did not change"
    for name in set(before) - set(lora_names):
        assert torch.equal(before[name], after[name]), f"base weight {name} changed"


def test_adapter_is_saved_in_peft_format_and_loads_and_generates(
    trained: dict[str, Any], tiny_model_dir: Path
) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter: Path = trained["adapter"]
    assert (adapter / "adapter_config.json").exists()
    assert (adapter / "adapter_model.safetensors").exists()
    config = json.loads((adapter / "adapter_config.json").read_text())
    assert config["r"] == 16 and config["lora_alpha"] == 32 and not config.get("modules_to_save")
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    model = PeftModel.from_pretrained(base, adapter).eval()
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    prompt = tok.apply_chat_template(
        chat(1)["messages"][:2], tokenize=False, add_generation_prompt=True
    )
    ids = tok(prompt, return_tensors="pt")
    out = model.generate(**ids, max_new_tokens=8, do_sample=False)
    assert out.shape[1] > ids["input_ids"].shape[1]
    trained_weights = {n: p for n, p in trained["model"].named_parameters() if "lora_" in n}
    loaded = {n: p for n, p in model.named_parameters() if "lora_" in n}
    assert trained_weights.keys() == loaded.keys()
    for name, p in loaded.items():
        torch.testing.assert_close(p, trained_weights[name])


def test_run_trains_packed_checkpoints_and_resumes(
    tiny_model_dir: Path, samples_file: Path, tmp_path: Path
) -> None:
    args = _args(tiny_model_dir, samples_file, tmp_path / "out", max_steps=4)
    first = lora.run(*args)
    assert first["metrics"]["eval_loss"] > 0 and first["resumed_from"] is None
    assert (tmp_path / "out" / "checkpoint-4").is_dir()
    assert (tmp_path / "out" / "adapter" / "adapter_model.safetensors").exists()
    margs, largs, dargs, targs = args
    targs.max_steps, targs.resume = 6, True
    second = lora.run(margs, largs, dargs, targs)
    assert second["resumed_from"].endswith("checkpoint-4")
    assert (tmp_path / "out" / "checkpoint-6").is_dir()


def test_selective_checkpointing_recomputes_the_chosen_share_of_layers(
    tiny_model_dir: Path,
) -> None:
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    assert lora.enable_checkpointing(model, ratio=0.5) == 1
    flags = [layer.gradient_checkpointing for layer in model.model.layers]
    assert flags == [True, False]
    assert lora.enable_checkpointing(model, ratio=1.0) == 2


def test_config_file_sets_defaults_and_flags_override(tmp_path: Path) -> None:
    margs, largs, dargs, targs = lora.parse_args(
        ["--config", "training/configs/lora.yaml", "--max_steps", "5", "--resume"]
    )
    assert (largs.lora_r, largs.lora_alpha, targs.learning_rate) == (16, 32, 2e-5)
    assert (targs.num_train_epochs, dargs.max_length, targs.max_steps, targs.resume) == (
        3,
        16384,
        5,
        True,
    )
    assert margs.model_name_or_path == "Qwen/Qwen2.5-Coder-32B"
    bad = tmp_path / "bad.yaml"
    bad.write_text("lora_rank: 8\n")
    with pytest.raises(SystemExit, match="lora_rank"):
        lora.parse_args(["--config", str(bad)])
