"""make bench: the course's Java pipelines side by side with the Python tools a learner would pick instead,
measured on this machine in one run, A and B interleaved round by round.

  1. embeddings   LangChain4j in-process all-MiniLM-L6-v2 (fp32, int8) vs sentence-transformers (PyTorch, CPU)
  2. RAG          LangChain4j splitter + embeddings + ChromaEmbeddingStore vs LlamaIndex, same Chroma server
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
  BENCH_PARTS=embeddings,rag,llm,course    which parts to run (default all)
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
PARTS = set((os.environ.get("BENCH_PARTS") or "embeddings,rag,llm,course").split(","))



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


def java_worker():
    opts, djl = kernel_jvm_options()
    classpath = os.pathsep.join([str(BUILD / "classes"), str(ROOT / "lib/target/classpath/*"),
                                 str(ROOT / "lib/target/genai-course-lib.jar")])
    env = dict(os.environ, DJL_CACHE_DIR=djl, CHROMA_URL=CHROMA, OLLAMA_BASE_URL=OLLAMA)
    java = os.environ.get("BENCH_JAVA", "java")
    return Worker("java", [java, *opts, "-cp", classpath, "BenchWorker"], env), opts


def python_worker():
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", HF_HUB_DISABLE_TELEMETRY="1",
               ANONYMIZED_TELEMETRY="False")
    return Worker("python", [sys.executable, str(Path(__file__).parent / "pyworker.py")], env)


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
        for name, fn in (("embeddings", bench_embeddings), ("rag", bench_rag)):
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

    for name, fn in (("llm", bench_llm), ("course", bench_course)):
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
    full = not QUICK and PARTS >= {"embeddings", "rag", "llm", "course"} and NOTEBOOKS == "all"
    info["quick"] = not full
    out_dir = report.write(S.as_list(), info, quick=not full)
    say(f"results: {out_dir.relative_to(ROOT)}/ (measuring took {info['bench_seconds'] / 60:.1f} min)")
    if failures:
        for f in failures:
            say("FAILED:", f)
        sys.exit(1)


if __name__ == "__main__":
    main()
