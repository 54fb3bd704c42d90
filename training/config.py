"""Training configuration: trl-style dataclasses, one per concern. No I/O, no heavy imports.

Every field carries `metadata={"help": ...}`; `transformers.HfArgumentParser` turns them into
command-line flags, and `training/configs/lora.yaml` sets them by name. Defaults are the seed's
recipe (SEED.md section 4): LoRA r=16, alpha=32, lr=2e-5, 3 epochs, batch 1 x 8 accumulation,
cutoff 16K tokens, on Qwen2.5-Coder-32B.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The projections vLLM can serve LoRA on for Qwen2 (attention and MLP); no lm_head/embeddings,
# no modules_to_save, so `vllm serve --enable-lora` loads the adapter as it is.
QWEN2_LORA_TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class ModelArguments:
    model_name_or_path: str = field(
        default="Qwen/Qwen2.5-Coder-32B",
        metadata={"help": "Base model: hub id or local directory."},
    )
    tokenizer_name_or_path: str | None = field(
        default=None, metadata={"help": "Tokenizer, when not the model's own."}
    )
    dtype: str = field(
        default="auto",
        metadata={"help": "auto (bf16 where the hardware has it, else fp32), bfloat16, float32."},
    )
    attn_implementation: str = field(
        default="auto",
        metadata={
            "help": "auto (flash_attention_2 when installed on CUDA, else sdpa), sdpa, eager."
        },
    )
    load_in_4bit: bool = field(
        default=False,
        metadata={"help": "QLoRA: 4-bit NF4 base weights (needs bitsandbytes and CUDA)."},
    )


@dataclass
class LoraArguments:
    lora_r: int = field(default=16, metadata={"help": "LoRA rank (vLLM: --max-lora-rank >= r)."})
    lora_alpha: int = field(default=32, metadata={"help": "LoRA scaling numerator."})
    lora_dropout: float = field(default=0.05, metadata={"help": "Dropout on the LoRA input."})
    lora_target_modules: list[str] = field(
        default_factory=lambda: list(QWEN2_LORA_TARGETS),
        metadata={"help": "Modules that get adapters (vLLM-supported Qwen2 projections)."},
    )


@dataclass
class DataArguments:
    train_file: str = field(
        default=".data/samples.jsonl",
        metadata={"help": "Samples JSONL written by `codebegen dataset build`."},
    )
    max_length: int = field(
        default=16384, metadata={"help": "Token cutoff; longer samples are dropped, never cut."}
    )
    eval_ratio: float = field(
        default=0.05, metadata={"help": "Share of rows held out for the eval loss (by row id)."}
    )
    max_eval_items: int = field(
        default=0, metadata={"help": "Cap on eval items (packs) per evaluation; 0 = all."}
    )
    packing: bool = field(
        default=True,
        metadata={"help": "Pack samples up to max_length per step, attention kept per sample."},
    )


@dataclass
class TrainArguments:
    output_dir: str = field(
        default="out/lora", metadata={"help": "Checkpoints; the adapter lands in <dir>/adapter."}
    )
    learning_rate: float = field(default=2e-5, metadata={"help": "Peak learning rate."})
    num_train_epochs: float = field(default=3.0, metadata={"help": "Epochs over the train split."})
    max_steps: int = field(default=-1, metadata={"help": "Stop after this many steps (> 0)."})
    per_device_train_batch_size: int = field(
        default=1, metadata={"help": "Items per step per device (a pack counts as one)."}
    )
    gradient_accumulation_steps: int = field(
        default=8, metadata={"help": "Steps accumulated per optimizer update."}
    )
    warmup_steps: float = field(
        default=0.03, metadata={"help": "Linear warmup: steps, or a share of all steps when < 1."}
    )
    lr_scheduler_type: str = field(default="cosine", metadata={"help": "LR schedule."})
    weight_decay: float = field(default=0.0, metadata={"help": "AdamW weight decay."})
    max_grad_norm: float = field(default=1.0, metadata={"help": "Gradient clipping."})
    optim: str = field(default="adamw_torch", metadata={"help": "Optimizer (transformers name)."})
    gradient_checkpointing: bool = field(
        default=True, metadata={"help": "Recompute decoder layers in backward."}
    )
    checkpoint_ratio: float = field(
        default=1.0,
        metadata={"help": "Share of decoder layers recomputed (selective checkpointing; 1 = all)."},
    )
    checkpoint_offload: bool = field(
        default=False,
        metadata={
            "help": "Keep checkpointed activations in pinned host memory (slower, less VRAM)."
        },
    )
    loss_impl: str = field(
        default="chunked",
        metadata={"help": "chunked (no full logits), liger (fused kernel, GPU), full (plain)."},
    )
    ce_chunk_size: int = field(
        default=2048, metadata={"help": "Tokens per lm_head/cross-entropy chunk."}
    )
    logging_steps: int = field(default=10, metadata={"help": "Log the train loss every N steps."})
    eval_steps: int = field(default=200, metadata={"help": "Eval loss every N steps."})
    save_steps: int = field(default=200, metadata={"help": "Checkpoint every N steps."})
    save_total_limit: int = field(default=3, metadata={"help": "Checkpoints kept."})
    seed: int = field(default=42, metadata={"help": "Seed for init, shuffling and the split."})
    resume: bool = field(
        default=False, metadata={"help": "Resume from the newest checkpoint in output_dir."}
    )
    report_to: str = field(default="none", metadata={"help": "none, tensorboard, wandb..."})
    disable_tqdm: bool = field(default=False, metadata={"help": "Hide progress bars."})
    dataloader_num_workers: int = field(default=0, metadata={"help": "Data loader workers."})
