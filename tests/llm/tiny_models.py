"""Tiny chat models for a real OpenAI-compatible server in tests (CPU, a second or two each).

Built on the training tests' tiny Qwen2 and tokenizer (`tests.training.tiny`):
- `random_model`: random weights, sampling on; its replies are nonsense, which is what the guards
  must survive (invalid JSON);
- `scripted_model`: a real Qwen2 whose weights are set so that greedy decoding answers one fixed
  text after any prompt: a reply that parses but escapes the project, or Python that fails
  validation. A served model that always says the same wrong thing drives the repair round and
  the fallback through the real HTTP path, deterministically and whatever the prompt's length.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.llm.prompts import SYSTEM_PROMPT, USER_TEMPLATE
from tests.training.tiny import make_model, make_tokenizer

# What the tokenizer is trained on: the text the prompts and replies are made of.
CORPUS = [
    SYSTEM_PROMPT,
    USER_TEMPLATE,
    '{"files": {"app/services/rules.py": "def f():\\n    return 1\\n"}}',
    "from fastapi import APIRouter, Depends, HTTPException\nfrom sqlalchemy.orm import Session\n",
    "class Ticket(Base):\n    __tablename__ = 'tickets'\n    id: Mapped[int] = mapped_column()\n",
    '{"findings": []} {"sections": {}} {"name": "ticket-api", "entities": []}',
]


def tokenizer() -> Any:
    return make_tokenizer(CORPUS * 4, vocab_size=600)


def _save(model: Any, tok: Any, out: Path, *, sample: bool) -> Path:
    model.config.max_position_embeddings = 65536  # room for the longest prompt of a test
    model.config.eos_token_id = tok.eos_token_id
    model.config.pad_token_id = tok.pad_token_id
    model.generation_config.eos_token_id = tok.eos_token_id
    model.generation_config.pad_token_id = tok.pad_token_id
    model.generation_config.do_sample = sample
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


def random_model(out: Path) -> Path:
    tok = tokenizer()
    return _save(make_model(len(tok)), tok, out, sample=True)


def scripted_model(out: Path, reply: str) -> Path:
    """A model that answers exactly `reply` after any chat prompt.

    Built, not trained: `reply` is one added token; every layer's output projection is zeroed
    (attention and MLP add nothing, so the model is a bigram model over its embeddings); and the
    embedding and head weights map the chat template's last token to `reply`, and `reply` to
    end-of-turn. Greedy decoding then says `reply` and stops.
    """
    import torch
    from tokenizers import AddedToken

    tok = tokenizer()
    tok.add_tokens([AddedToken(reply, special=False, normalized=False)])
    model = make_model(len(tok))
    prompt = tok.apply_chat_template(
        [{"role": "user", "content": "x"}],
        add_generation_prompt=True,
        tokenize=True,
        return_dict=False,
    )
    trigger, said = prompt[-1], tok.convert_tokens_to_ids(reply)
    with torch.no_grad():
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight.zero_()
            layer.mlp.down_proj.weight.zero_()
        embed, head = model.model.embed_tokens.weight, model.lm_head.weight
        embed[trigger].zero_()
        embed[trigger][0] = 1.0
        embed[said].zero_()
        embed[said][1] = 1.0
        head.zero_()
        head[said][0] = 10.0
        head[tok.eos_token_id][1] = 10.0
    return _save(model, tok, out, sample=False)
