"""Train codebegen's LoRA adapter on the samples `codebegen dataset build` wrote.

    # one GPU, or the CPU for a tiny model (flags after --config override the file)
    codebegen train --config training/configs/lora.yaml [--max_steps 100] [--resume]
    python -m training.lora --config training/configs/lora.yaml

    # several GPUs: accelerate runs this same module under FSDP (no launcher of our own)
    accelerate launch --config_file training/configs/accelerate_fsdp.yaml -m training.lora \\
        --config training/configs/lora.yaml

    # serve the adapter (written to <output_dir>/adapter in PEFT format)
    vllm serve Qwen/Qwen2.5-Coder-32B --enable-lora --max-lora-rank 16 \\
        --lora-modules codebegen=out/lora/adapter

peft + transformers' Trainer: loss on the answer tokens only, computed without the full logits
(`training.loss`); bf16 where the hardware has it, else fp32; gradient checkpointing on all or
some decoder layers; packed samples with attention kept inside each (`training.packing`); an eval
split with its loss reported; progress bars; checkpoints every `save_steps` that `--resume` picks
up; QLoRA (4-bit base) with `--load_in_4bit` when bitsandbytes and CUDA are there.
I/O: reads the samples file and the base model, writes checkpoints and the adapter.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from dataclasses import asdict, fields
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from training.config import DataArguments, LoraArguments, ModelArguments, TrainArguments
from training.loss import use_efficient_loss
from training.packing import Collator, TokenizeReport, pack, read_samples, singles, split, tokenize

CONFIGS = (ModelArguments, LoraArguments, DataArguments, TrainArguments)


def parse_args(argv: list[str] | None = None) -> tuple[Any, ...]:
    """`--config FILE` sets defaults from YAML; any other flag overrides them."""
    from transformers import HfArgumentParser

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    known, rest = pre.parse_known_args(argv)
    parser = HfArgumentParser(CONFIGS)  # type: ignore[arg-type]
    if known.config:
        values = yaml.safe_load(Path(known.config).read_text()) or {}
        names = {f.name for c in CONFIGS for f in fields(c)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise SystemExit(f"{known.config}: unknown settings: {', '.join(unknown)}")
        parser.set_defaults(**values)
    return tuple(parser.parse_args_into_dataclasses(args=rest))


def precision(model_args: ModelArguments) -> tuple[Any, bool]:
    """(torch dtype for the weights, whether to train in bf16)."""
    import torch

    bf16_ok = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    name = model_args.dtype if model_args.dtype != "auto" else "bfloat16" if bf16_ok else "float32"
    dtype = getattr(torch, name)
    return dtype, dtype is torch.bfloat16


def build_model(
    model_args: ModelArguments, lora_args: LoraArguments, train_args: TrainArguments
) -> Any:
    """The base model with the efficient loss, checkpointing and LoRA adapters attached."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    dtype, _ = precision(model_args)
    attn = model_args.attn_implementation
    if attn == "auto":
        flash = torch.cuda.is_available() and importlib.util.find_spec("flash_attn") is not None
        attn = "flash_attention_2" if flash else "sdpa"
    extra: dict[str, Any] = {}
    if model_args.load_in_4bit:
        if not torch.cuda.is_available() or importlib.util.find_spec("bitsandbytes") is None:
            raise SystemExit("--load_in_4bit needs CUDA and bitsandbytes")
        from transformers import BitsAndBytesConfig

        extra["quantization_config"] = BitsAndBytesConfig(  # type: ignore[no-untyped-call]
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
    model = AutoModelForCausalLM.from_pretrained(
        model_args.model_name_or_path, dtype=dtype, attn_implementation=attn, **extra
    )
    model.config.use_cache = False
    use_efficient_loss(model, impl=train_args.loss_impl, chunk_size=train_args.ce_chunk_size)
    if train_args.gradient_checkpointing:
        enable_checkpointing(
            model, ratio=train_args.checkpoint_ratio, offload=train_args.checkpoint_offload
        )
    lora = LoraConfig(
        r=lora_args.lora_r,
        lora_alpha=lora_args.lora_alpha,
        lora_dropout=lora_args.lora_dropout,
        target_modules=lora_args.lora_target_modules,
        bias="none",
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, lora)


def enable_checkpointing(model: Any, *, ratio: float = 1.0, offload: bool = False) -> int:
    """Checkpoint `ratio` of the decoder layers, evenly spread; returns how many.

    `offload` keeps the checkpointed layer inputs in pinned host memory (transformers >= 5).
    """
    from transformers.modeling_layers import GradientCheckpointingLayer

    kwargs = {"use_reentrant": False}
    if hasattr(model, "activation_checkpointing_enable"):
        model.activation_checkpointing_enable(
            activation_checkpointing_kwargs=kwargs, offload=offload
        )
    else:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=kwargs)
    layers = [m for m in model.modules() if isinstance(m, GradientCheckpointingLayer)]
    count = round(max(0.0, min(1.0, ratio)) * len(layers))
    chosen = {round(i * len(layers) / count) for i in range(count)} if count else set()
    for i, layer in enumerate(layers):
        layer.gradient_checkpointing = i in chosen
    return len(chosen)


def load_data(
    tokenizer: Any, data_args: DataArguments, *, seed: int
) -> tuple[list[Any], list[Any], TokenizeReport]:
    """Tokenized, split and (optionally) packed train and eval items."""
    report = TokenizeReport()
    examples = [
        ex
        for s in read_samples(data_args.train_file)
        if (ex := tokenize(s, tokenizer, max_length=data_args.max_length, report=report))
    ]
    train, evals = split(examples, eval_ratio=data_args.eval_ratio, seed=seed)
    group = partial(pack, max_length=data_args.max_length) if data_args.packing else singles
    eval_items = group(evals)
    if data_args.max_eval_items > 0:
        eval_items = eval_items[: data_args.max_eval_items]
    return group(train), eval_items, report


def make_trainer(
    model: Any,
    tokenizer: Any,
    train_items: list[Any],
    eval_items: list[Any],
    train_args: TrainArguments,
    *,
    bf16: bool,
) -> Any:
    import torch
    from transformers import Trainer, TrainingArguments

    own = {
        "gradient_checkpointing",
        "checkpoint_ratio",
        "checkpoint_offload",
        "loss_impl",
        "ce_chunk_size",
        "resume",
    }
    args = TrainingArguments(
        **{k: v for k, v in asdict(train_args).items() if k not in own},
        bf16=bf16,
        eval_strategy="steps" if eval_items else "no",
        save_strategy="steps",
        remove_unused_columns=False,
        prediction_loss_only=True,
        logging_first_step=True,
        per_device_eval_batch_size=1,  # checkpointing is enabled per layer in build_model
        dataloader_pin_memory=torch.cuda.is_available(),
    )
    return Trainer(
        model=model,
        args=args,
        train_dataset=train_items,
        eval_dataset=eval_items or None,
        data_collator=Collator(pad_token_id=tokenizer.pad_token_id or 0),
        processing_class=tokenizer,
    )


def run(
    model_args: ModelArguments,
    lora_args: LoraArguments,
    data_args: DataArguments,
    train_args: TrainArguments,
) -> dict[str, Any]:
    """Train, evaluate and save the adapter; returns the summary also written next to it."""
    from transformers import AutoTokenizer
    from transformers.trainer_utils import get_last_checkpoint

    tokenizer = AutoTokenizer.from_pretrained(
        model_args.tokenizer_name_or_path or model_args.model_name_or_path
    )
    train_items, eval_items, report = load_data(tokenizer, data_args, seed=train_args.seed)
    if not train_items:
        raise SystemExit(f"no training samples in {data_args.train_file} ({asdict(report)})")
    model = build_model(model_args, lora_args, train_args)
    trainer = make_trainer(
        model, tokenizer, train_items, eval_items, train_args, bf16=precision(model_args)[1]
    )
    resume = None
    if train_args.resume and Path(train_args.output_dir).is_dir():
        resume = get_last_checkpoint(train_args.output_dir)  # type: ignore[no-untyped-call]
    if train_args.resume and resume is None:
        print(
            f"--resume: no checkpoint in {train_args.output_dir}; starting fresh", file=sys.stderr
        )
    result = trainer.train(resume_from_checkpoint=resume)
    metrics = {"train_loss": result.training_loss, **result.metrics}
    evals = [h for h in trainer.state.log_history if "eval_loss" in h]
    if evals and evals[-1].get("step") == trainer.state.global_step:
        metrics.update({k: v for k, v in evals[-1].items() if k.startswith("eval_")})
    elif eval_items:
        metrics.update(trainer.evaluate())
    adapter = Path(train_args.output_dir) / "adapter"
    trainer.save_model(str(adapter))
    summary = {
        "adapter": str(adapter),
        "resumed_from": resume,
        "data": asdict(report),
        "metrics": metrics,
        "train_items": len(train_items),
        "eval_items": len(eval_items),
    }
    if trainer.is_world_process_zero():
        (adapter / "codebegen_training.json").write_text(json.dumps(summary, indent=2, default=str))
    return summary


def main(argv: list[str] | None = None) -> int:
    summary = run(*parse_args(argv))
    print(json.dumps(summary["metrics"], indent=2, default=str))
    print(f"adapter: {summary['adapter']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
