"""The causal-LM loss without the full logits: the lm_head and cross-entropy in chunks of tokens.

Qwen2.5-Coder's vocabulary has 152,064 entries; at 16K tokens the fp32 logits alone are 10 GB,
and autograd keeps them (and their gradient) alive. `linear_cross_entropy` never materialises
them: it takes the final hidden states, and for `chunk_size` answer tokens at a time computes the
logits, the loss and — in the same pass — the gradients with respect to the hidden states (and the
lm_head weight, when it is trained), then frees the chunk. Prompt tokens (label -100) skip the
lm_head entirely. Backward is a multiply by the incoming scalar gradient. On a GPU with
liger-kernel installed, its fused Triton kernel does the same thing (`loss_impl="liger"`).

`use_efficient_loss(model)` swaps a causal LM's `forward` for one that computes the loss this way
whenever labels are given (generation, without labels, runs the original forward). It is applied
to the module instance, so it also runs inside peft, accelerate and FSDP wrappers, where the
lm_head weight is gathered by the wrapper's own forward. Torch is imported inside functions.
"""

from __future__ import annotations

import types
from typing import Any

IGNORE_INDEX = -100  # label of a token that is not trained on (prompt, padding, sample boundary)
DEFAULT_CHUNK = 2048  # tokens per chunk: 2048 x 152064 fp32 logits = 1.25 GB at a time


def linear_cross_entropy(
    hidden: Any, weight: Any, labels: Any, *, chunk_size: int = DEFAULT_CHUNK
) -> tuple[Any, Any]:
    """Sum of token cross-entropies of `hidden @ weight.T` against `labels`, and the token count.

    hidden: (N, H); weight: (V, H); labels: (N,) with IGNORE_INDEX for tokens not trained on.
    """
    import torch

    n_items = (labels != IGNORE_INDEX).sum()
    loss = _LinearCrossEntropy.apply(hidden, weight, labels, chunk_size, torch.is_grad_enabled())
    return loss, n_items


def _function_class() -> Any:
    import torch

    class LinearCrossEntropy(torch.autograd.Function):
        @staticmethod
        def forward(ctx: Any, hidden: Any, weight: Any, labels: Any, chunk: int, grad: bool) -> Any:
            need_h = grad and ctx.needs_input_grad[0]
            need_w = grad and ctx.needs_input_grad[1]
            rows = (labels != IGNORE_INDEX).nonzero().squeeze(1)
            acc = torch.promote_types(hidden.dtype, torch.float32)  # fp32, or fp64 in tests
            total = torch.zeros((), dtype=acc, device=hidden.device)
            grad_h = torch.zeros_like(hidden) if need_h else None
            grad_w = torch.zeros_like(weight, dtype=acc) if need_w else None
            for start in range(0, rows.numel(), chunk):
                idx = rows[start : start + chunk]
                h, y = hidden.index_select(0, idx), labels.index_select(0, idx)
                logits = (h @ weight.t()).to(acc)  # (c, V): the only large buffer, one chunk long
                lse = torch.logsumexp(logits, dim=-1)
                total += (lse - logits.gather(1, y.unsqueeze(1)).squeeze(1)).sum()
                if need_h or need_w:
                    probs = logits.sub_(lse.unsqueeze(1)).exp_()  # softmax, in place
                    probs[torch.arange(idx.numel(), device=idx.device), y] -= 1.0
                    g = probs.to(hidden.dtype)
                    if grad_h is not None:
                        grad_h.index_copy_(0, idx, g @ weight)
                    if grad_w is not None:
                        grad_w += (g.t() @ h).to(acc)
                del logits
            ctx.save_for_backward(
                grad_h if need_h else torch.empty(0), grad_w if need_w else torch.empty(0)
            )
            ctx.has = (need_h, need_w)
            ctx.weight_dtype = weight.dtype
            return total

        @staticmethod
        def backward(ctx: Any, grad_out: Any) -> Any:
            grad_h, grad_w = ctx.saved_tensors
            need_h, need_w = ctx.has
            gh = grad_h * grad_out.to(grad_h.dtype) if need_h else None
            gw = (grad_w * grad_out).to(ctx.weight_dtype) if need_w else None
            return gh, gw, None, None, None

    return LinearCrossEntropy


class _Lazy:
    """Builds the autograd Function on first use, so importing this module needs no torch."""

    _cls: Any = None

    def apply(self, *args: Any) -> Any:
        if _Lazy._cls is None:
            _Lazy._cls = _function_class()
        return _Lazy._cls.apply(*args)


_LinearCrossEntropy = _Lazy()


def shifted_labels(labels: Any, position_ids: Any = None) -> Any:
    """labels[i+1] as the target of token i; -100 at each sequence's end and packed boundary."""
    import torch.nn.functional as F

    shifted = F.pad(labels[:, 1:], (0, 1), value=IGNORE_INDEX)
    if position_ids is not None:  # packed: the token before a position-0 token ends a sample
        boundary = F.pad(position_ids[:, 1:] == 0, (0, 1), value=True)
        shifted = shifted.masked_fill(boundary, IGNORE_INDEX)
    return shifted


def use_efficient_loss(
    model: Any, *, impl: str = "chunked", chunk_size: int = DEFAULT_CHUNK
) -> Any:
    """Make `model` (a *ForCausalLM with `.model` and `.lm_head`) compute its loss without logits.

    impl: "chunked" (this module), "liger" (liger-kernel's fused linear cross-entropy), or
    "full" (leave the model as it is: logits, then cross-entropy).
    """
    if impl == "full":
        return model
    from transformers.modeling_outputs import CausalLMOutputWithPast

    liger = None
    if impl == "liger":
        from liger_kernel.transformers.fused_linear_cross_entropy import (
            LigerFusedLinearCrossEntropyLoss,
        )

        liger = LigerFusedLinearCrossEntropyLoss(ignore_index=IGNORE_INDEX, reduction="sum")
    elif impl != "chunked":
        raise ValueError(f"unknown loss implementation {impl!r}: chunked, liger or full")
    original = model.forward

    def forward(
        self: Any,
        input_ids: Any = None,
        attention_mask: Any = None,
        position_ids: Any = None,
        labels: Any = None,
        **kwargs: Any,
    ) -> Any:
        if labels is None:
            return original(
                input_ids=input_ids,
                attention_mask=attention_mask,
                position_ids=position_ids,
                **kwargs,
            )
        num_items = kwargs.pop("num_items_in_batch", None)
        for key in ("use_cache", "logits_to_keep", "return_dict", "shift_labels"):
            kwargs.pop(key, None)
        out = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            position_ids=position_ids,
            use_cache=False,
            **kwargs,
        )
        hidden = out.last_hidden_state
        target = shifted_labels(labels, position_ids if attention_mask is None else None)
        flat_h, flat_y = hidden.reshape(-1, hidden.shape[-1]), target.reshape(-1)
        if liger is not None:
            total, count = liger(self.lm_head.weight, flat_h, flat_y), (flat_y != -100).sum()
        else:
            total, count = linear_cross_entropy(
                flat_h, self.lm_head.weight, flat_y, chunk_size=chunk_size
            )
        denominator = num_items if num_items is not None else count.clamp(min=1)
        loss = total / denominator
        return CausalLMOutputWithPast(loss=loss, logits=None)

    model.forward = types.MethodType(forward, model)
    return model
