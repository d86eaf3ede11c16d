"""The PyTorch side of the LoRA training comparison (issue 27): lesson 11's fine-tuning, done the way a
Python user would do it by hand in PyTorch, on the same model, the same data and the same LoRA set-up as
lib-train (genai.train) does in Java.

  model     the course's chat model read from the same GGUF file Ollama serves (gguf's GGUFReader and
            dequantize, to float32), in plain torch: RMSNorm, rotary positions on adjacent pairs (the order
            the GGUF converter leaves Q and K rows in), grouped-query causal attention, SwiGLU, tied output
  LoRA      y = W x + (alpha / r) B A x on every projection of the upper blocks, A uniform in ±1/sqrt(in),
            B zero (Hu et al. 2021); base weights frozen
  training  the lower blocks' outputs computed once without a gradient and cached; each step runs the upper
            blocks, the final norm and the output layer; loss = mean cross-entropy of the answer tokens;
            torch.optim.AdamW (0.9, 0.999, 1e-8, weight decay 0.01) with a linear warm-up over the first
            tenth of the steps and a linear decay to zero; batches as genai.train.Batch makes them
  data      the token ids and prompt lengths lib-train made of data/finetune/tool-calls.jsonl (run.py passes
            them on), so both sides train on exactly the same sequences

Timed like genai.train.Trainer: optimiser steps only (forward, backward, AdamW), tokens = the lengths of
the sequences in each batch.
"""
from __future__ import annotations

import math
import random
import time

import numpy as np
import torch

PROJECTIONS = ("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")


def _field(reader, key):
    return reader.fields[key].contents()


class Llama:
    """The decoder's frozen weights as float32 tensors, [out, in] like the file (and like genai.train.Llama)."""

    def __init__(self, path):
        from gguf import GGUFReader
        from gguf.quants import dequantize

        reader = GGUFReader(path)
        arch = _field(reader, "general.architecture")
        if arch != "llama":
            raise ValueError(f"a Llama GGUF model is needed, this one is '{arch}'")
        self.dim = int(_field(reader, "llama.embedding_length"))
        self.layers = int(_field(reader, "llama.block_count"))
        self.heads = int(_field(reader, "llama.attention.head_count"))
        self.kv_heads = int(_field(reader, "llama.attention.head_count_kv"))
        self.eps = float(_field(reader, "llama.attention.layer_norm_rms_epsilon"))
        self.rope_base = float(_field(reader, "llama.rope.freq_base"))
        self.head_dim = self.dim // self.heads
        self.w = {}
        for t in reader.tensors:
            # A copy: unquantized tensors come back as read-only views of the memory-mapped file.
            a = np.array(dequantize(t.data, t.tensor_type), dtype=np.float32)
            self.w[t.name] = torch.from_numpy(a).reshape(*reversed([int(x) for x in t.shape]))
        self.embed = self.w["token_embd.weight"]          # [vocab, dim], also the output layer
        self.adapters: dict[str, tuple[torch.Tensor, torch.Tensor, float]] = {}

    def parameter_count(self):
        return sum(t.numel() for t in self.w.values())

    def attach(self, rank, alpha, first, generator):
        self.adapters = {}
        for layer in range(first, self.layers):
            for p in PROJECTIONS:
                out, inp = self.w[f"blk.{layer}.{p}.weight"].shape
                bound = 1 / math.sqrt(inp)
                a = (torch.rand(rank, inp, generator=generator) * 2 - 1).mul_(bound).requires_grad_()
                b = torch.zeros(out, rank, requires_grad=True)
                self.adapters[f"blk.{layer}.{p}.weight"] = (a, b, alpha / rank)
        return [x for a, b, _ in self.adapters.values() for x in (a, b)]

    def _project(self, layer, name, x):
        key = f"blk.{layer}.{name}.weight"
        y = x @ self.w[key].T
        if key in self.adapters:
            a, b, scale = self.adapters[key]
            y = y + (x @ a.T @ b.T) * scale
        return y

    def rmsnorm(self, x, weight):
        return x / torch.sqrt(x.square().mean(-1, keepdim=True) + self.eps) * weight

    def _rope(self, x, cos, sin):
        pairs = x.reshape(*x.shape[:-1], x.shape[-1] // 2, 2)
        x0, x1 = pairs[..., 0], pairs[..., 1]
        return torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), -1).reshape(x.shape)

    def _tables(self, t):
        half = self.head_dim // 2
        inv = self.rope_base ** (-2.0 * torch.arange(half, dtype=torch.float64) / self.head_dim)
        angle = torch.arange(t, dtype=torch.float64)[:, None] * inv[None, :]
        shape = (1, t, 1, half)
        mask = torch.full((t, t), float("-inf")).triu(1)
        return angle.cos().float().reshape(shape), angle.sin().float().reshape(shape), mask

    def blocks(self, x, start, stop):
        bsz, t, _ = x.shape
        cos, sin, mask = self._tables(t)
        hd, kvh = self.head_dim, self.kv_heads
        group = self.heads // kvh
        for layer in range(start, stop):
            p = f"blk.{layer}."
            h = self.rmsnorm(x, self.w[p + "attn_norm.weight"])
            q = self._rope(self._project(layer, "attn_q", h).reshape(bsz, t, self.heads, hd), cos, sin)
            k = self._rope(self._project(layer, "attn_k", h).reshape(bsz, t, kvh, hd), cos, sin)
            v = self._project(layer, "attn_v", h).reshape(bsz, t, kvh, hd)
            qg = q.reshape(bsz, t, kvh, group, hd).permute(0, 2, 3, 1, 4)      # [B, KV, G, T, hd]
            kg = k.permute(0, 2, 1, 3).unsqueeze(2)                            # [B, KV, 1, T, hd]
            vg = v.permute(0, 2, 1, 3).unsqueeze(2)
            scores = (qg @ kg.transpose(-1, -2)) / math.sqrt(hd) + mask
            att = (scores.softmax(-1) @ vg).permute(0, 3, 1, 2, 4).reshape(bsz, t, self.dim)
            x = x + self._project(layer, "attn_output", att)
            h2 = self.rmsnorm(x, self.w[p + "ffn_norm.weight"])
            gate = self._project(layer, "ffn_gate", h2)
            x = x + self._project(layer, "ffn_down", torch.nn.functional.silu(gate) * self._project(layer, "ffn_up", h2))
        return x

    def logits(self, h):
        return self.rmsnorm(h, self.w["output_norm.weight"]) @ self.embed.T


def batch_of(examples, idx):
    """Right-padded ids (pad 0) and, for every answer token, the flat position that predicts it and its id."""
    t = max(len(examples[i]["tokens"]) for i in idx)
    positions, targets = [], []
    for b, i in enumerate(idx):
        e = examples[i]
        for p in range(e["prompt_length"], len(e["tokens"])):
            positions.append(b * t + p - 1)
            targets.append(e["tokens"][p])
    return t, torch.tensor(positions), torch.tensor(targets)


def epoch(examples, batch_size, rnd):
    """genai.train.Batch.epoch's order: shuffle, sort by length within windows of 8 batches, cut, shuffle the batches."""
    order = list(range(len(examples)))
    rnd.shuffle(order)
    window = 8 * batch_size
    for start in range(0, len(order), window):
        order[start:start + window] = sorted(order[start:start + window], key=lambda i: len(examples[i]["tokens"]))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rnd.shuffle(batches)
    return batches


class LoraTrainer:
    def __init__(self):
        self.model = None

    def setup(self, r):
        torch.set_num_threads(int(r["threads"]))
        t0 = time.perf_counter()
        self.model = Llama(r["gguf"])
        load_seconds = time.perf_counter() - t0
        self.train, self.held_out = r["train"], r["held_out"]
        self.first = self.model.layers - int(r["trained_blocks"])
        t0 = time.perf_counter()
        with torch.no_grad():
            self.train_cache = self._cache(self.train, int(r["cache_batch"]))
            self.held_cache = self._cache(self.held_out, int(r["cache_batch"]))
        cache_seconds = time.perf_counter() - t0
        return {"load_seconds": load_seconds, "cache_seconds": cache_seconds, "first_trained": self.first,
                "parameters": self.model.parameter_count(), "threads": torch.get_num_threads(), "torch": torch.__version__,
                "interop_threads": torch.get_num_interop_threads(),
                "held_out_loss_before": self.held_out_loss(int(r["cache_batch"]))}

    def _cache(self, examples, batch_size):
        """Hidden states after the frozen blocks, one [T, dim] tensor per sequence (batched by similar length)."""
        out = [None] * len(examples)
        order = sorted(range(len(examples)), key=lambda i: len(examples[i]["tokens"]))
        for start in range(0, len(order), batch_size):
            idx = order[start:start + batch_size]
            t = max(len(examples[i]["tokens"]) for i in idx)
            ids = torch.zeros(len(idx), t, dtype=torch.long)
            for b, i in enumerate(idx):
                ids[b, :len(examples[i]["tokens"])] = torch.tensor(examples[i]["tokens"])
            h = self.model.blocks(self.model.embed[ids], 0, self.first)
            for b, i in enumerate(idx):
                out[i] = h[b, :len(examples[i]["tokens"])].clone()
        return out

    def _loss(self, examples, cache, idx):
        t, positions, targets = batch_of(examples, idx)
        x = torch.zeros(len(idx), t, self.model.dim)
        for b, i in enumerate(idx):
            x[b, :cache[i].shape[0]] = cache[i]
        h = self.model.blocks(x, self.first, self.model.layers).reshape(-1, self.model.dim)[positions]
        logp = self.model.logits(h).log_softmax(-1)
        return -logp.gather(1, targets[:, None]).mean(), len(targets)

    def held_out_loss(self, batch_size):
        total, n = 0.0, 0
        with torch.no_grad():
            for start in range(0, len(self.held_out), batch_size):
                loss, count = self._loss(self.held_out, self.held_cache, list(range(start, min(len(self.held_out), start + batch_size))))
                total += loss.item() * count
                n += count
        return total / n

    def fit(self, r):
        rank, alpha, epochs, batch_size = int(r["rank"]), float(r["alpha"]), int(r["epochs"]), int(r["batch"])
        lr, seed = float(r["lr"]), int(r["seed"])
        torch.manual_seed(seed)
        params = self.model.attach(rank, alpha, self.first, torch.Generator().manual_seed(seed))
        opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
        rnd = random.Random(seed)
        per_epoch = (len(self.train) + batch_size - 1) // batch_size
        total = per_epoch * epochs
        warmup = max(1, total // 10)
        seconds, tokens, step, losses = 0.0, 0, 0, []
        for _ in range(epochs):
            for idx in epoch(self.train, batch_size, rnd):
                t0 = time.perf_counter()
                rate = lr * (step + 1) / warmup if step < warmup else lr * (total - step) / (total - warmup)
                for g in opt.param_groups:
                    g["lr"] = rate
                opt.zero_grad(set_to_none=True)
                loss, _ = self._loss(self.train, self.train_cache, idx)
                loss.backward()
                opt.step()
                losses.append(loss.item())
                step += 1
                tokens += sum(len(self.train[i]["tokens"]) for i in idx)
                seconds += time.perf_counter() - t0
        held = self.held_out_loss(batch_size)
        trainable = sum(p.numel() for p in params)
        self.model.adapters = {}
        return {"seconds": seconds, "tokens": tokens, "steps": step, "trainable": trainable,
                "train_loss_mean": sum(losses) / len(losses), "held_out_loss": held,
                "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb():
    """The process's peak resident set (VmHWM of /proc/self/status), MiB; -1 where /proc is missing."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return -1
