"""Chat samples → token ids with answer-only labels, train/eval split, packing, and the collator.

- `tokenize`: the tokenizer's chat template renders the sample; the prompt (system + user + the
  assistant header) gets label -100, the answer (the JSON and the end-of-turn token) is trained on.
  An example longer than `max_length` is dropped and counted, never truncated.
- `split`: by row id, so every stage and part of one project lands on the same side.
- `pack`: first-fit-decreasing bins of at most `max_length` tokens. A pack is one flat sequence whose
  `position_ids` restart at 0 for each sample; transformers builds attention that stays inside each
  sample from them (flash-attention varlen when installed, else a block-causal mask), so no token
  attends across a boundary and no compute goes to padding.
- `Collator`: one pack (or several samples, padded) → tensors.
Reads the samples file (`read_samples`); torch is imported inside the collator.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from training.loss import IGNORE_INDEX


@dataclass
class Example:
    input_ids: list[int]
    labels: list[int]
    row_id: str = ""

    def __len__(self) -> int:
        return len(self.input_ids)


@dataclass
class TokenizeReport:
    examples: int = 0
    too_long: int = 0  # dropped: longer than max_length (never truncated)
    no_answer: int = 0  # dropped: nothing to learn after masking
    tokens: int = 0
    answer_tokens: int = 0


@dataclass
class Pack:
    examples: list[Example] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(e) for e in self.examples)


def read_samples(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open() as f:
        return [json.loads(line) for line in f if line.strip()]


def tokenize(
    sample: dict[str, Any], tokenizer: Any, *, max_length: int, report: TokenizeReport
) -> Example | None:
    """One chat sample → ids and labels, loss on the assistant turn only."""
    messages = sample["messages"]
    prompt = tokenizer.apply_chat_template(
        messages[:-1], tokenize=False, add_generation_prompt=True
    )
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    if not full.startswith(prompt):
        raise ValueError("the chat template does not render the prompt as a prefix of the chat")
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(full[len(prompt) :], add_special_tokens=False)["input_ids"]
    ids = prompt_ids + answer_ids
    if len(ids) > max_length:
        report.too_long += 1
        return None
    if not answer_ids:
        report.no_answer += 1
        return None
    report.examples += 1
    report.tokens += len(ids)
    report.answer_tokens += len(answer_ids)
    labels = [IGNORE_INDEX] * len(prompt_ids) + list(answer_ids)
    return Example(input_ids=ids, labels=labels, row_id=sample.get("row_id", ""))


def split(
    examples: Sequence[Example], *, eval_ratio: float, seed: int = 0
) -> tuple[list[Example], list[Example]]:
    """Deterministic split by row id (a row never straddles train and eval)."""
    if eval_ratio <= 0:
        return list(examples), []

    def bucket(row_id: str) -> float:
        digest = hashlib.sha256(f"{seed}:{row_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64

    train = [e for e in examples if bucket(e.row_id) >= eval_ratio]
    evals = [e for e in examples if bucket(e.row_id) < eval_ratio]
    if not evals and len({e.row_id for e in train}) > 1:  # tiny data: still hold one row out
        held = min(e.row_id for e in train)
        evals = [e for e in train if e.row_id == held]
        train = [e for e in train if e.row_id != held]
    return train, evals


def pack(examples: Iterable[Example], *, max_length: int) -> list[Pack]:
    """First-fit decreasing into packs of at most `max_length` tokens (stable for equal lengths)."""
    packs: list[Pack] = []
    sizes: list[int] = []
    for ex in sorted(examples, key=len, reverse=True):
        for i, used in enumerate(sizes):
            if used + len(ex) <= max_length:
                packs[i].examples.append(ex)
                sizes[i] += len(ex)
                break
        else:
            packs.append(Pack([ex]))
            sizes.append(len(ex))
    return packs


def singles(examples: Iterable[Example]) -> list[Pack]:
    """One example per item (no packing)."""
    return [Pack([e]) for e in examples]


class Collator:
    """Items (packs) → model inputs.

    A batch of one pack is flat: input_ids, labels and position_ids of shape (1, L), no
    attention_mask, position_ids restarting per sample. A batch of several items is padded on the
    right with an attention_mask (then each item must hold a single example).
    """

    def __init__(self, *, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, items: list[Pack]) -> dict[str, Any]:
        import torch

        if len(items) == 1:
            ids: list[int] = []
            labels: list[int] = []
            positions: list[int] = []
            for ex in items[0].examples:
                ids += ex.input_ids
                labels += [IGNORE_INDEX] + ex.labels[1:]  # never predict across a boundary
                positions += list(range(len(ex)))
            return {
                "input_ids": torch.tensor([ids]),
                "labels": torch.tensor([labels]),
                "position_ids": torch.tensor([positions]),
            }
        if any(len(item.examples) != 1 for item in items):
            raise ValueError(
                "packed items are batched one at a time (per_device_train_batch_size 1)"
            )
        longest = max(len(item) for item in items)
        batch_ids, batch_labels, mask = [], [], []
        for item in items:
            ex = item.examples[0]
            pad = longest - len(ex)
            batch_ids.append(ex.input_ids + [self.pad_token_id] * pad)
            batch_labels.append(ex.labels + [IGNORE_INDEX] * pad)
            mask.append([1] * len(ex) + [0] * pad)
        return {
            "input_ids": torch.tensor(batch_ids),
            "labels": torch.tensor(batch_labels),
            "attention_mask": torch.tensor(mask),
        }
