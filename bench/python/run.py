"""make bench: the course's Java pipelines side by side with the Python tools a learner would pick instead,
measured on this machine in one run, A and B interleaved round by round.

  1. embeddings   LangChain4j in-process all-MiniLM-L6-v2 (fp32, int8) vs sentence-transformers (PyTorch, CPU)
  2. RAG          LangChain4j splitter + embeddings + ChromaEmbeddingStore vs LlamaIndex, same Chroma server
  2b. hybrid      lesson 12's BM25 (Lucene) + dense (Chroma) fused by RRF vs LlamaIndex's BM25Retriever + vector
                  retriever fused by QueryFusionRetriever, same chunks, same questions
  2c. LoRA       lesson 11's LoRA training in Java (lib-train: DJL on libtorch) vs the same LoRA in plain PyTorch
  3. local LLM    Ollama's tokens/s for each course model vs this machine's memory-bandwidth bound
  4. the course   JJava kernel start, time to the first cell with the helper library, each notebook's time

Run by bench/run.sh with the bench venv's Python, as `python -m bench.python.run` from the repository root. Each side runs in its own long-lived worker process
(bench/java/BenchWorker.java, bench/python/pyworker.py) that times its own work; this script only sends
commands, so that the rounds of A and B alternate and neither pays for the other's start-up.

Writes bench/results/ (latest.csv, latest.md, raw.json, charts) through report.py, updates the README's
"Performance" section from latest.md, and prints the tables. Environment:
  BENCH_QUICK=1        small development run: fewer rounds and texts; results go to bench/results/runs/ only
  BENCH_ROUNDS=N       rounds per comparison (default 5; quick 2)
  BENCH_NOTEBOOKS=all|none|PATTERN   which notebooks to time (default all; quick 00-setup-check)
  BENCH_CHUNK_SIZE / BENCH_CHUNK_OVERLAP   characters, both pipelines (default 500 / 50)
  BENCH_PARTS=embeddings,rag,hybrid,llm,course    which parts to run (default all)
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import platform
import re
import select
import statistics
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

from bench.python import report
from bench.python.stats import percentile
from stack import course_env

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "bench"
LOGS = BUILD / "logs"
HANDBOOK = ROOT / "data" / "handbook"
QUESTIONS = HANDBOOK / "questions.csv"
LEARNER_QUESTIONS = ROOT / "data" / "retrieval" / "learner-questions.csv"
COURSE_CACHE = course_env.CACHE
OLLAMA, CHROMA = course_env.OLLAMA_URL, course_env.CHROMA_URL
CHAT_MODEL, BASE_MODEL = course_env.CHAT_MODEL, course_env.BASE_MODEL
COLLECTION_PREFIX = "genai-bench-"

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
ROUNDS = int(os.environ.get("BENCH_ROUNDS") or (2 if QUICK else 5))
CHUNK_SIZE = int(os.environ.get("BENCH_CHUNK_SIZE") or 500)
CHUNK_OVERLAP = int(os.environ.get("BENCH_CHUNK_OVERLAP") or 50)
NOTEBOOKS = os.environ.get("BENCH_NOTEBOOKS") or ("00-setup-check" if QUICK else "all")
BATCH = 32
SINGLE_TEXTS = 24 if QUICK else 64
TOP_K = 5
GENERATE_TOKENS = 32 if QUICK else 128
KERNEL_ROUNDS = 1 if QUICK else 3
ALL_PARTS = ("embeddings", "rag", "hybrid", "lora", "llm", "course")
PARTS = set((os.environ.get("BENCH_PARTS") or ",".join(ALL_PARTS)).split(","))
HYBRID_CANDIDATES = 10  # each retriever's list before fusion, as in lesson 12
# Lesson 11's LoRA set-up (notebooks: 11-fine-tuning-for-real): adapters on every projection of the top 4 blocks,
# alpha = 2r, batches of 16, peak learning rate 2e-3. One epoch per round here (the lesson trains 2): what is
# compared is the speed of a step, at the held-out loss each side reaches.
LORA = dict(rank=int(os.environ.get("BENCH_LORA_RANK") or 16), trained_blocks=4, batch=16, lr=2e-3, seed=7, cache_batch=32,
            epochs=1)
LORA_ROUNDS = int(os.environ.get("BENCH_LORA_ROUNDS") or (1 if QUICK else 3))
# Training sequences (the first N of the lesson's training split; 0 = all of them, the default; quick 32).
LORA_TRAIN = int(os.environ.get("BENCH_LORA_TRAIN") or (32 if QUICK else 0))
THREADS = int(os.environ.get("BENCH_THREADS") or os.cpu_count() or 1)



def say(*parts):
    print("[bench]", *parts, flush=True)


# ---------------------------------------------------------------------------------------------------
# Samples: every measured value is kept, one per round; report.py turns them into medians and spreads.

class Samples:
    def __init__(self):
        self.rows: dict[tuple, dict] = {}

    def add(self, section, measure, variant, unit, better, value, note=""):
        key = (section, measure, variant)
        row = self.rows.setdefault(key, {"section": section, "measure": measure, "variant": variant, "unit": unit,
                                         "better": better, "samples": [], "note": note})
        row["samples"].append(value)
        if note:
            row["note"] = note

    def as_list(self):
        return list(self.rows.values())


def rotate(items, r):
    """The order of A and B changes every round, so that neither always runs right after the other."""
    r %= len(items)
    return items[r:] + items[:r]


# ---------------------------------------------------------------------------------------------------
# Workers

class Worker:
    """A long-lived benchmark process spoken to in JSON lines (see BenchWorker.java and pyworker.py)."""

    def __init__(self, name, argv, env):
        self.name = name
        self.log = LOGS / f"{name}.log"
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(self.log, "w"), env=env, cwd=ROOT, text=True, bufsize=1)

    def call(self, cmd, timeout=900, **args):
        self.proc.stdin.write(json.dumps({"cmd": cmd, **args}) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError(f"the {self.name} worker did not answer '{cmd}' within {timeout} s (log: {self.log})")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} worker exited during '{cmd}': see {self.log}")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise RuntimeError(f"{self.name} worker, '{cmd}': {reply.get('error')} (log: {self.log})")
        return reply

    def close(self):
        if self.proc.poll() is None:
            try:
                self.call("quit", timeout=30)
                self.proc.wait(timeout=30)
            except Exception:
                self.proc.kill()
                self.proc.wait()


def kernel_jvm_options():
    """The JVM options of the course's Java kernel, so the Java side runs as it does in a notebook."""
    spec = ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java" / "kernel.json"
    env = {}
    try:
        env = json.loads(spec.read_text())["env"]
    except (OSError, KeyError, ValueError):
        pass
    opts = env.get("JJAVA_JVM_OPTS", f"-ea -Xmx3g -XX:+UseSerialGC -Djava.awt.headless=true -Djava.io.tmpdir={COURSE_CACHE}/tmp")
    return opts.split(), env.get("DJL_CACHE_DIR", str(COURSE_CACHE / "djl"))


def java_worker(name="java", extra_opts=(), extra_env=None):
    opts, djl = kernel_jvm_options()
    opts = [*opts, *extra_opts]
    classpath = os.pathsep.join([str(BUILD / "classes"), str(ROOT / "lib/target/classpath/*"),
                                 str(ROOT / "lib/target/genai-course-lib.jar"), str(ROOT / "lib-train/target/classpath/*"),
                                 str(ROOT / "lib-train/target/genai-course-train.jar")])
    env = dict(os.environ, DJL_CACHE_DIR=djl, CHROMA_URL=CHROMA, OLLAMA_BASE_URL=OLLAMA, **(extra_env or {}))
    java = os.environ.get("BENCH_JAVA", "java")
    return Worker(name, [java, *opts, "-cp", classpath, "BenchWorker"], env), opts


def python_worker(name="python", extra_env=None):
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_HUB_DISABLE_TELEMETRY="1",
               ANONYMIZED_TELEMETRY="False", **(extra_env or {}))
    return Worker(name, [sys.executable, str(Path(__file__).parent / "pyworker.py")], env)


# ---------------------------------------------------------------------------------------------------
# HTTP helpers (Ollama, Chroma), all on 127.0.0.1 by default

def http_json(url, payload=None, method=None, timeout=600):
    data = json.dumps(payload).encode() if payload is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        body = resp.read()
    return json.loads(body) if body else None


# LlamaIndex's client writes to Chroma's default tenant and database; LangChain4j's store to ones it
# names "default". Each side's collections live in its own namespace, so clean-up looks in both.
CHROMA_NAMESPACES = [f"{CHROMA}/api/v2/tenants/{tenant}/databases/{database}/collections"
                     for tenant, database in (("default_tenant", "default_database"), ("default", "default"))]


def chroma_delete(name):
    for collections in CHROMA_NAMESPACES:
        try:
            http_json(f"{collections}/{name}", method="DELETE", timeout=60)
        except urllib.error.HTTPError as e:
            if e.code != 404:
                raise


def chroma_cleanup():
    """Removes the collections this benchmark created (by name prefix), including those of an interrupted run."""
    for collections in CHROMA_NAMESPACES:
        try:
            names = [c["name"] for c in http_json(f"{collections}?limit=1000", timeout=30)]
        except Exception as e:
            say(f"could not list Chroma collections for clean-up: {e}")
            continue
        for name in names:
            if name.startswith(COLLECTION_PREFIX):
                chroma_delete(name)


# ---------------------------------------------------------------------------------------------------
# 1. Embeddings

def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    na = sum(x * x for x in a) ** 0.5
    nb = sum(y * y for y in b) ** 0.5
    return dot / (na * nb)


def bench_embeddings(S, java, py, info):
    chunks = java.call("split", dir=str(HANDBOOK), chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)["chunks"]
    texts = [c["text"] for c in chunks]
    if QUICK:
        texts = texts[:48]
    # Single texts: an even sample across the corpus, so that a busy machine cannot stretch a round too far.
    step = max(1, len(texts) // SINGLE_TEXTS)
    singles = texts[::step][:SINGLE_TEXTS]
    info["embedding_texts"] = len(texts)
    info["embedding_single_texts"] = len(singles)
    info["embedding_text_chars_median"] = statistics.median(len(t) for t in texts)
    say(f"embeddings: {len(texts)} handbook chunks (median {info['embedding_text_chars_median']:.0f} characters), "
        f"{len(singles)} of them one at a time")

    variants = [("LangChain4j fp32", java, "fp32"), ("LangChain4j int8", java, "int8"), ("sentence-transformers", py, "st")]
    for label, worker, model in variants:
        seconds = worker.call("load", model=model)["seconds"]
        S.add("embeddings", "model load + first embedding", label, "s", "lower", seconds)

    # Correctness first: the same texts through each side, compared text by text.
    vec = {label: worker.call("embed_vectors", model=model, texts=texts)["vectors"] for label, worker, model in variants}
    for label in ("LangChain4j fp32", "LangChain4j int8"):
        cos = [cosine(a, b) for a, b in zip(vec[label], vec["sentence-transformers"])]
        S.add("embeddings", "cosine with sentence-transformers, mean", label, "", "higher", statistics.fmean(cos))
        S.add("embeddings", "cosine with sentence-transformers, min", label, "", "higher", min(cos))
    cos = [cosine(a, b) for a, b in zip(vec["LangChain4j int8"], vec["LangChain4j fp32"])]
    info["cosine_int8_vs_fp32_mean"] = statistics.fmean(cos)

    # Speed. Besides the defaults, sentence-transformers once more with PyTorch on one thread: its OpenMP
    # threads suffer most when other processes share the cores, and this row shows how much.
    timed = [(label, worker, dict(model=model)) for label, worker, model in variants]
    timed.append(("sentence-transformers, 1 thread", py, dict(model="st", threads=1)))

    # Warm-up, not recorded: the first calls of each shape are slow on both sides.
    for label, worker, args in timed:
        worker.call("embed_single", texts=texts[:16], **args)
        worker.call("embed_batch", texts=texts[:2 * BATCH], batch=BATCH, **args)

    for r in range(ROUNDS):
        say(f"embeddings: round {r + 1}/{ROUNDS}")
        for label, worker, args in rotate(timed, r):
            out = worker.call("embed_single", texts=singles, **args)
            S.add("embeddings", "single texts", label, "embeddings/s", "higher", out["count"] / out["seconds"])
        for label, worker, args in rotate(timed, r):
            out = worker.call("embed_batch", texts=texts, batch=BATCH, **args)
            S.add("embeddings", f"batches of {BATCH}", label, "embeddings/s", "higher", out["count"] / out["seconds"])


# ---------------------------------------------------------------------------------------------------
# 2. RAG indexing and retrieval

def read_questions():
    with open(QUESTIONS, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows[:20] if QUICK else rows


def bench_rag(S, java, py, info):
    questions = read_questions()
    texts = [q["question"] for q in questions]
    gold = [q["passage_id"] for q in questions]
    info["rag_questions"] = len(questions)
    sides = [("LangChain4j + Chroma", java, "java"), ("LlamaIndex + Chroma", py, "llamaindex")]
    common = dict(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, chroma_url=CHROMA)
    py.call("load", model="llamaindex")

    # Warm-up on one section of the handbook, not recorded.
    first_section = sorted(p for p in HANDBOOK.iterdir() if p.is_dir())[0]
    for label, worker, tag in sides:
        name = f"{COLLECTION_PREFIX}{tag}-warmup-{os.getpid()}"
        try:
            worker.call("rag_index", dir=str(first_section), collection=name, **common)
            worker.call("rag_query", collection=name, questions=texts[:10], k=TOP_K)
        finally:
            chroma_delete(name)

    for r in range(ROUNDS):
        say(f"RAG: round {r + 1}/{ROUNDS}")
        for label, worker, tag in rotate(sides, r):
            name = f"{COLLECTION_PREFIX}{tag}-{os.getpid()}-{r}"
            try:
                idx = worker.call("rag_index", dir=str(HANDBOOK), collection=name, **common)
                q = worker.call("rag_query", collection=name, questions=texts, k=TOP_K)
            finally:
                chroma_delete(name)
            lat = q["latencies_ms"]
            hits = sum(1 for ids, g in zip(q["doc_ids"], gold) if g in ids)
            S.add("rag", "chunks", label, "", "", idx["chunks"])
            S.add("rag", "indexing", label, "chunks/s", "higher", idx["chunks"] / idx["seconds"])
            S.add("rag", "retrieval latency p50", label, "ms", "lower", percentile(lat, 0.50))
            S.add("rag", "retrieval latency p95", label, "ms", "lower", percentile(lat, 0.95))
            S.add("rag", f"hit rate@{TOP_K}", label, "", "higher", hits / len(gold))


# ---------------------------------------------------------------------------------------------------
# 2b. Hybrid retrieval (lesson 12) against LlamaIndex's hybrid retriever

HYBRID_SETS = (("lesson 04's questions", QUESTIONS), ("learner's words", LEARNER_QUESTIONS))


def first_relevant_rank(ranked, relevant):
    """1-based rank of the first retrieved doc_id equal to `relevant`, 0 if none (genai.metrics.Retrieval's rule)."""
    for i, doc in enumerate(ranked):
        if doc == relevant:
            return i + 1
    return 0


def retrieval_metrics(ranked_lists, relevant):
    """Hit rate@1, @3, @5 and MRR@5 (mean reciprocal rank of the first relevant result, 0 beyond rank 5)."""
    ranks = [first_relevant_rank(r[:TOP_K], g) for r, g in zip(ranked_lists, relevant)]
    n = len(ranks)
    out = {f"hit rate@{k}": sum(1 for x in ranks if 0 < x <= k) / n for k in (1, 3, 5)}
    out[f"MRR@{TOP_K}"] = sum(1 / x for x in ranks if x) / n
    return out


def bench_hybrid(S, java, py, info):
    sets = []
    for label, path in HYBRID_SETS:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        sets.append((label, rows[:20] if QUICK else rows))
    texts = [q["question"] for _, rows in sets for q in rows]
    info["hybrid_questions"] = {label: len(rows) for label, rows in sets}
    info["hybrid_candidates"] = HYBRID_CANDIDATES
    sides = [("lesson 12 hybrid (Java)", java, "java"), ("LlamaIndex hybrid", py, "llamaindex")]
    py.call("load", model="llamaindex")
    names = {tag: f"{COLLECTION_PREFIX}hybrid-{tag}-{os.getpid()}" for _, _, tag in sides}
    common = dict(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, chroma_url=CHROMA, candidates=HYBRID_CANDIDATES, k=TOP_K)
    try:
        # One index per side for the whole comparison: what is compared is retrieval, not indexing.
        out = java.call("hybrid_index", dir=str(HANDBOOK), collection=names["java"], **common)
        chunks = out["chunks"]
        info["hybrid_chunks"] = len(chunks)
        say(f"hybrid: {len(chunks)} chunks, {len(texts)} questions ({', '.join(f'{len(r)} {label}' for label, r in sets)})")
        S.add("hybrid", "index: embed + write to Chroma", sides[0][0], "s", "lower", out["dense_seconds"])
        S.add("hybrid", "index: BM25", sides[0][0], "s", "lower", out["bm25_seconds"])
        out = py.call("hybrid_index", chunks=chunks, collection=names["llamaindex"], **common)
        if out["chunks"] != len(chunks):
            raise RuntimeError(f"LlamaIndex wrote {out['chunks']} chunks to Chroma, the Java side {len(chunks)}")
        S.add("hybrid", "index: embed + write to Chroma", sides[1][0], "s", "lower", out["dense_seconds"])
        S.add("hybrid", "index: BM25", sides[1][0], "s", "lower", out["bm25_seconds"])

        for label, worker, tag in sides:  # warm-up, not recorded
            worker.call("hybrid_query", collection=names[tag], questions=texts[:10], k=TOP_K)
        for r in range(ROUNDS):
            say(f"hybrid: round {r + 1}/{ROUNDS}")
            for label, worker, tag in rotate(sides, r):
                q = worker.call("hybrid_query", collection=names[tag], questions=texts, k=TOP_K)
                lat = q["latencies_ms"]
                S.add("hybrid", "retrieval latency p50", label, "ms", "lower", percentile(lat, 0.50))
                S.add("hybrid", "retrieval latency p95", label, "ms", "lower", percentile(lat, 0.95))
                start = 0
                for set_label, rows in sets:
                    ranked = q["doc_ids"][start:start + len(rows)]
                    start += len(rows)
                    for metric, value in retrieval_metrics(ranked, [x["passage_id"] for x in rows]).items():
                        S.add("hybrid", f"{metric}, {set_label}", label, "", "higher", value)
    finally:
        for label, worker, tag in sides:
            try:
                worker.call("hybrid_close", collection=names[tag])
            except Exception as e:
                say(f"hybrid: closing the {tag} side failed: {e}")
            chroma_delete(names[tag])


# ---------------------------------------------------------------------------------------------------
# 2c. LoRA training (lesson 11): lib-train in Java against the same LoRA in PyTorch

def bench_lora(S, info):
    """Each side in a new process of its own (its peak memory is this training's), both with THREADS intra-op
    threads: libtorch under DJL (ai.djl.pytorch.num_threads) and PyTorch (torch.set_num_threads)."""
    threads_env = {"OMP_NUM_THREADS": str(THREADS), "MKL_NUM_THREADS": str(THREADS)}
    java = py = None
    try:
        java, _ = java_worker("java-lora", ["-Dai.djl.offline=true", f"-Dai.djl.pytorch.num_threads={THREADS}",
                                            "-Dai.djl.pytorch.num_interop_threads=1"], threads_env)
        py = python_worker("python-lora", threads_env)
        say(f"LoRA: loading {CHAT_MODEL} and caching its frozen blocks, in Java (DJL) and in PyTorch, {THREADS} threads each")
        # BENCH_LORA_TRAIN (a quick run: 32) cuts the training split to its first N sequences, both sides alike.
        setup = java.call("lora_setup", timeout=3600, model=CHAT_MODEL, train_limit=LORA_TRAIN, **LORA)
        data = {"train": setup.pop("train"), "held_out": setup.pop("held_out")}
        pset = py.call("lora_setup", timeout=3600, gguf=setup["gguf"], threads=THREADS, **data, **LORA)
        info["lora"] = {"java": setup, "python": pset, "threads": THREADS, **LORA,
                        "train_examples": len(data["train"]), "held_out_examples": len(data["held_out"]),
                        "train_tokens": sum(len(e["tokens"]) for e in data["train"]), "rounds": LORA_ROUNDS}
        # Same weights, same sequences, no adapter yet: both forward passes must give the same held-out loss, or
        # the two sides are not training the same model and the comparison means nothing.
        before_j, before_p = setup["held_out_loss_before"], pset["held_out_loss_before"]
        if abs(before_j - before_p) > 1e-3 * max(1.0, abs(before_j)):
            raise RuntimeError(f"the PyTorch model's held-out loss before training ({before_p:.5f}) differs from "
                               f"lib-train's ({before_j:.5f}): they do not compute the same model")
        sides = [("lib-train (Java, DJL)", java), ("PyTorch", py)]
        for label, s in zip((sides[0][0], sides[1][0]), (setup, pset)):
            S.add("lora", "load the model (GGUF to f32)", label, "s", "lower", s["load_seconds"])
            S.add("lora", "cache the frozen blocks", label, "s", "lower", s["cache_seconds"])
            S.add("lora", "held-out loss before training", label, "nats/token", "lower", s["held_out_loss_before"])
        for r in range(LORA_ROUNDS):
            say(f"LoRA: round {r + 1}/{LORA_ROUNDS} (rank {LORA['rank']}, {LORA['epochs']} epoch, batches of {LORA['batch']})")
            for label, worker in rotate(sides, r):
                out = worker.call("lora_train", timeout=3600, alpha=2 * LORA["rank"], **LORA)
                S.add("lora", "training", label, "tokens/s", "higher", out["tokens"] / out["seconds"])
                S.add("lora", "time per step", label, "s", "lower", out["seconds"] / out["steps"])
                S.add("lora", "held-out loss after training", label, "nats/token", "lower", out["held_out_loss"])
                S.add("lora", "train loss, mean over the steps", label, "nats/token", "lower", out["train_loss_mean"])
                S.add("lora", "peak memory (process RSS)", label, "MiB", "lower", out["peak_rss_mb"])
                S.add("lora", "trainable parameters", label, "", "", out["trainable"])
                S.add("lora", "steps", label, "", "", out["steps"])
    finally:
        for w in (java, py):
            if w:
                w.close()


# ---------------------------------------------------------------------------------------------------
# 3. Local LLM against the memory-bandwidth bound

def membw():
    out = subprocess.run([str(BUILD / "membw"), "256", "10"], capture_output=True, text=True, check=True, timeout=300)
    return json.loads(out.stdout)


def prompts():
    """A different handbook passage for every request: Ollama reuses a cached prompt prefix, which would
    make the prompt rate meaningless if the same text were sent twice."""
    for path in sorted(HANDBOOK.rglob("*.md")):
        yield (path.read_text(encoding="utf-8").strip() + "\n\nSummarise the rules above for a new member, "
               "in plain sentences.\n")


def generate(model, prompt, n):
    return http_json(f"{OLLAMA}/api/generate", {"model": model, "prompt": prompt, "stream": False,
                                                 "options": {"num_predict": n, "temperature": 0, "seed": 7}})


def bench_llm(S, info):
    # Ollama lists name:tag; an untagged name means :latest (lib's StackHealth.hasModel, the same rule), so
    # COURSE_CHAT_MODEL may be written either way, and llama3.2:3b is looked up as it is.
    listed = {m["name"]: m for m in http_json(f"{OLLAMA}/api/tags", timeout=30)["models"]}
    tags = {m: listed.get(m) or listed.get(f"{m}:latest") for m in (CHAT_MODEL, BASE_MODEL)}
    tags = {m: entry for m, entry in tags.items() if entry}
    models = [m for m in (CHAT_MODEL, BASE_MODEL) if m in tags]
    missing = [m for m in (CHAT_MODEL, BASE_MODEL) if m not in tags]
    if missing:
        raise RuntimeError(f"Ollama at {OLLAMA} has no model {missing}: run 'make models'")
    info["ollama_version"] = http_json(f"{OLLAMA}/api/version", timeout=30)["version"]
    info["model_bytes"] = {m: tags[m]["size"] for m in models}
    info["model_details"] = {m: tags[m].get("details", {}) for m in models}
    source = prompts()
    for m in models:  # load each model once before timing
        generate(m, "Hello", 4)
    for r in range(ROUNDS):
        say(f"LLM: round {r + 1}/{ROUNDS}")
        bw = membw()
        best = max(bw["read_gbs"], bw["copy_gbs"], bw["triad_gbs"])
        for kernel in ("read", "copy", "triad"):
            S.add("llm", "memory bandwidth", kernel, "GB/s", "higher", bw[f"{kernel}_gbs"])
        info["membw_threads"] = bw["threads"]
        for m in rotate(models, r):
            out = generate(m, next(source), GENERATE_TOKENS)
            prompt_rate = out["prompt_eval_count"] / (out["prompt_eval_duration"] / 1e9)
            gen_rate = out["eval_count"] / (out["eval_duration"] / 1e9)
            bound = best * 1e9 / tags[m]["size"]
            S.add("llm", "prompt", m, "tokens/s", "higher", prompt_rate)
            S.add("llm", "prompt tokens", m, "", "", out["prompt_eval_count"])
            S.add("llm", "generation", m, "tokens/s", "higher", gen_rate)
            S.add("llm", "generated tokens", m, "", "", out["eval_count"])
            S.add("llm", "bandwidth bound", m, "tokens/s", "higher", bound)
            S.add("llm", "generation / bound", m, "", "higher", gen_rate / bound)


# ---------------------------------------------------------------------------------------------------
# 4. The course itself

def bench_course(S, info):
    course_py = ROOT / ".venv" / "bin" / "python"
    say(f"course: JJava kernel start and the setup cell, {KERNEL_ROUNDS} rounds")
    with open(LOGS / "course.log", "w") as log:
        out = subprocess.run([str(course_py), "-m", "bench.python.course_bench", str(KERNEL_ROUNDS)],
                             stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT, timeout=1200)
    if out.returncode != 0:
        raise RuntimeError(f"course_bench.py failed: see {LOGS / 'course.log'}")
    res = json.loads(out.stdout.strip().splitlines()[-1])
    for v in res["kernel_start_s"]:
        S.add("course", "JJava kernel start", "", "s", "lower", v)
    for v in res["setup_cell_s"]:
        S.add("course", "setup cell (%load setup.jsh + Course.setUp())", "", "s", "lower", v)
    for v in res["first_cell_s"]:
        S.add("course", "time to the first lesson cell", "", "s", "lower", v)

    if NOTEBOOKS == "none":
        return
    argv = [str(course_py), "-m", "pytest", "-p", "no:cacheprovider", "tests/test_notebooks.py", "-k",
            "test_notebook_runs_clean" + ("" if NOTEBOOKS == "all" else f" and {NOTEBOOKS}")]
    say("course: every notebook through the notebook harness (as in a warm 'make test'): " + " ".join(argv[1:]))
    t0 = time.perf_counter()
    with open(LOGS / "notebooks.log", "w") as log:
        run = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT, timeout=3600)
        log.write(run.stdout)
    info["notebook_harness_s"] = time.perf_counter() - t0
    table = re.split(r"=+ notebook times =+", run.stdout)
    if len(table) < 2:
        raise RuntimeError(f"the notebook harness printed no time table: see {LOGS / 'notebooks.log'}")
    failed = []
    for line in table[1].splitlines():
        m = re.match(r"^(\d\d-\S+)\s+(passed|failed)\s+([\d.]+)\s*$", line)
        if m:
            S.add("notebooks", m.group(1), "", "s", "lower", float(m.group(3)), note=m.group(2))
            if m.group(2) != "passed":
                failed.append(m.group(1))
    if failed:
        info.setdefault("warnings", []).append(f"notebooks failed in the harness: {', '.join(failed)} "
                                               f"(see {LOGS.relative_to(ROOT) / 'notebooks.log'})")


# ---------------------------------------------------------------------------------------------------

def machine_info():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem_gib,
            "os": f"{platform.system()} {platform.release()}", "loadavg_start": os.getloadavg()[0]}


def tool_versions(info):
    def first_line(argv):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except Exception:
            return "?"

    info["gcc"] = first_line(["gcc", "--version"])
    jars = sorted(p.name for p in (ROOT / "lib/target/classpath").glob("*.jar"))
    keep = ("langchain4j", "onnxruntime", "tokenizers", "xchart")
    info["java_jars"] = [j.removesuffix(".jar") for j in jars if j.startswith(keep)]
    site = list((ROOT / ".venv" / "lib").glob("python*/site-packages"))
    for name in ("chromadb", "jjava", "nbclient"):
        found = sorted(site[0].glob(f"{name}-*.dist-info")) if site else []
        info[f"course_venv_{name}"] = found[0].name.removeprefix(f"{name}-").removesuffix(".dist-info") if found else "?"


def main():
    LOGS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    info = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "stamp": now.strftime("%Y%m%dT%H%M%SZ"), "quick": QUICK,
            "rounds": ROUNDS, "chunk_size": CHUNK_SIZE, "chunk_overlap": CHUNK_OVERLAP, "batch": BATCH, "top_k": TOP_K,
            "generate_tokens": GENERATE_TOKENS, "kernel_rounds": KERNEL_ROUNDS, **machine_info()}
    tool_versions(info)
    S = Samples()
    failures = []
    say(f"{info['cpu']}, {info['cores']} cores, load average {info['loadavg_start']:.1f}; "
        f"{ROUNDS} rounds per comparison{' (quick run)' if QUICK else ''}")

    chroma_cleanup()
    java = py = None
    try:
        java, java_opts = java_worker()
        py = python_worker()
        info["java"] = {**java.call("info", timeout=120), "jvm_options": " ".join(java_opts)}
        info["python"] = py.call("info", timeout=300)
        for name, fn in (("embeddings", bench_embeddings), ("rag", bench_rag), ("hybrid", bench_hybrid)):
            if name not in PARTS:
                continue
            try:
                fn(S, java, py, info)
                info.setdefault("loadavg_after", {})[name] = os.getloadavg()[0]
            except Exception as e:
                traceback.print_exc()
                failures.append(f"{name}: {e}")
    except Exception as e:
        traceback.print_exc()
        failures.append(f"workers: {e}")
    finally:
        for w in (java, py):
            if w:
                w.close()
        chroma_cleanup()

    for name, fn in (("lora", bench_lora), ("llm", bench_llm), ("course", bench_course)):
        if name not in PARTS:
            continue
        try:
            fn(S, info)
            info.setdefault("loadavg_after", {})[name] = os.getloadavg()[0]
        except Exception as e:
            traceback.print_exc()
            failures.append(f"{name}: {e}")

    info["loadavg_end"] = os.getloadavg()[0]
    info["bench_seconds"] = time.perf_counter() - started
    info["failures"] = failures
    # Only a full run replaces bench/results/latest.* and the README section; any other goes to runs/ alone.
    full = not QUICK and PARTS >= set(ALL_PARTS) and NOTEBOOKS == "all"
    info["quick"] = not full
    out_dir = report.write(S.as_list(), info, quick=not full)
    say(f"results: {out_dir.relative_to(ROOT)}/ (measuring took {info['bench_seconds'] / 60:.1f} min)")
    if failures:
        for f in failures:
            say("FAILED:", f)
        sys.exit(1)


if __name__ == "__main__":
    main()
