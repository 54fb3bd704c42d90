"""The loss without full logits equals the plain loss; labels, packing and the split are right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from tests.training.conftest import chat
from training.loss import IGNORE_INDEX, linear_cross_entropy, use_efficient_loss
from training.packing import Collator, Example, TokenizeReport, pack, split, tokenize


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_chunked_cross_entropy_equals_full_cross_entropy_and_its_gradients(chunk: int) -> None:
    torch.manual_seed(0)
    hidden = torch.randn(53, 16, dtype=torch.float64, requires_grad=True)
    weight = torch.randn(301, 16, dtype=torch.float64, requires_grad=True)
    labels = torch.randint(0, 301, (53,))
    labels[:11] = IGNORE_INDEX  # a prompt
    loss, n = linear_cross_entropy(hidden, weight, labels, chunk_size=chunk)
    (loss / n).backward()
    got = (loss.item(), hidden.grad.clone(), weight.grad.clone())
    hidden.grad = weight.grad = None
    ref = F.cross_entropy(hidden @ weight.t(), labels, ignore_index=IGNORE_INDEX, reduction="sum")
    (ref / n).backward()
    assert n.item() == 42
    assert got[0] == pytest.approx(ref.item(), rel=1e-12)
    torch.testing.assert_close(got[1], hidden.grad, rtol=1e-10, atol=1e-12)
    torch.testing.assert_close(got[2], weight.grad, rtol=1e-10, atol=1e-12)


def test_chunked_cross_entropy_of_prompt_only_batch_is_zero() -> None:
    hidden = torch.randn(5, 8, requires_grad=True)
    loss, n = linear_cross_entropy(hidden, torch.randn(11, 8), torch.full((5,), IGNORE_INDEX))
    loss.backward()
    assert loss.item() == 0 and n.item() == 0 and not hidden.grad.any()


def _tiny(vocab: int = 97) -> torch.nn.Module:
    from tests.training.tiny import make_model

    return make_model(vocab).eval()


def test_model_loss_without_logits_equals_the_transformers_loss() -> None:
    torch.manual_seed(1)
    ids = torch.randint(0, 97, (2, 40))
    labels = ids.clone()
    labels[:, :15] = IGNORE_INDEX
    plain = _tiny()
    ref = plain(input_ids=ids, labels=labels).loss
    ref.backward()
    fast = use_efficient_loss(_tiny(), chunk_size=8)
    out = fast(input_ids=ids, labels=labels)
    out.loss.backward()
    assert out.logits is None
    torch.testing.assert_close(out.loss, ref, rtol=1e-5, atol=1e-6)
    for (name, a), b in zip(plain.named_parameters(), fast.parameters(), strict=True):
        torch.testing.assert_close(a.grad, b.grad, rtol=1e-4, atol=1e-6, msg=name)


def test_loss_is_normalised_by_the_answer_tokens_of_the_whole_accumulated_batch() -> None:
    # The Trainer passes num_items_in_batch (answer tokens over all accumulation steps).
    ids = torch.randint(0, 97, (1, 30))
    labels = ids.clone()
    labels[:, :10] = IGNORE_INDEX  # 20 answer tokens, each the target of the token before it
    model = use_efficient_loss(_tiny())
    mean = model(input_ids=ids, labels=labels).loss
    scaled = model(input_ids=ids, labels=labels, num_items_in_batch=torch.tensor(100)).loss
    torch.testing.assert_close(scaled, mean * 20 / 100)


def test_generation_without_labels_still_returns_logits() -> None:
    model = use_efficient_loss(_tiny())
    out = model(input_ids=torch.tensor([[1, 2, 3]]))
    assert out.logits.shape == (1, 3, 97)


def test_packed_samples_attend_only_within_themselves() -> None:
    torch.manual_seed(2)
    model = use_efficient_loss(_tiny())
    a = Example(input_ids=torch.randint(0, 97, (12,)).tolist(), labels=[])
    b = Example(input_ids=torch.randint(0, 97, (9,)).tolist(), labels=[])
    for ex in (a, b):
        ex.labels = [IGNORE_INDEX] * 4 + ex.input_ids[4:]
    collate = Collator(pad_token_id=0)
    packed = collate([pack([a, b], max_length=64)[0]])
    assert packed["position_ids"].tolist() == [list(range(12)) + list(range(9))]
    trained = {id(a): 12 - 4, id(b): 9 - 4}  # answer tokens per sample
    loss_packed = model(**packed).loss * sum(trained.values())  # mean -> sum
    separate = sum(
        model(**collate([pack([e], max_length=64)[0]])).loss * trained[id(e)] for e in (a, b)
    )
    torch.testing.assert_close(loss_packed, separate, rtol=1e-5, atol=1e-5)


def test_labels_mask_the_prompt_and_train_the_answer_and_end_of_turn(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    sample = chat(3)
    report = TokenizeReport()
    ex = tokenize(sample, tok, max_length=4096, report=report)
    assert ex is not None
    first = next(i for i, y in enumerate(ex.labels) if y != IGNORE_INDEX)
    assert all(y == IGNORE_INDEX for y in ex.labels[:first])
    assert ex.labels[first:] == ex.input_ids[first:]
    assert tok.decode(ex.input_ids[:first]).endswith("<|im_start|>assistant\n")
    answer = sample["messages"][2]["content"]
    assert tok.decode(ex.labels[first:]) == answer + "<|im_end|>\n"
    assert report.answer_tokens == len(ex) - first


def test_too_long_samples_are_dropped_and_counted_never_cut(tiny_model_dir: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    report = TokenizeReport()
    long = chat(1, answer=json.dumps({"files": {"a.py": "x = 1\n" * 400}}))
    assert tokenize(long, tok, max_length=256, report=report) is None
    assert tokenize(chat(2), tok, max_length=256, report=report) is not None
    assert (report.too_long, report.examples) == (1, 1)


def test_split_keeps_every_row_on_one_side() -> None:
    examples = [Example([1, 2], [1, 2], row_id=f"row{i % 10}") for i in range(100)]
    train, evals = split(examples, eval_ratio=0.3, seed=1)
    assert len(train) + len(evals) == 100 and evals
    assert not {e.row_id for e in train} & {e.row_id for e in evals}


def test_pack_fills_bins_up_to_max_length_and_keeps_every_example() -> None:
    examples = [Example([0] * n, [0] * n) for n in (7, 5, 5, 4, 3, 2, 9)]
    packs = pack(examples, max_length=10)
    assert all(len(p) <= 10 for p in packs)
    assert sorted(len(e) for p in packs for e in p.examples) == sorted(len(e) for e in examples)
    assert len(packs) == 4  # 35 tokens in bins of 10
