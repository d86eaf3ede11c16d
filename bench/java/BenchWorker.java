import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ReciprocalRankFuser;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.EmbeddingStore;
import genai.Course;
import genai.data.CourseData;
import genai.Embeddings;
import genai.Stores;
import genai.data.Texts;
import genai.retrieval.Bm25Index;
import genai.retrieval.Chunks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the benchmark: the course's own pipeline (LangChain4j through the helper library),
 * driven one command at a time by bench/python/run.py so that Java and Python runs can be interleaved.
 *
 * Protocol: one JSON object per line on stdin, one JSON object per line on stdout. Everything else the
 * libraries print goes to stderr. Each command times only the work it is asked to do, with
 * System.nanoTime(), so the pipe and the JSON encoding are not part of any figure.
 */
public final class BenchWorker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, EmbeddingModel> models = new HashMap<>();
    private final Map<String, EmbeddingStore<TextSegment>> stores = new HashMap<>();
    private final Map<String, Hybrid> hybrids = new HashMap<>();
    private LoraBench lora;

    /** Lesson 12's hybrid pipeline over one Chroma collection: its chunks by id, both retrievers. */
    private record Hybrid(Map<String, TextSegment> chunkById, ContentRetriever dense, ContentRetriever keyword, Bm25Index bm25) {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err); // library output must not reach the protocol stream
        BenchWorker worker = new BenchWorker();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode request = JSON.readTree(line);
            String cmd = request.path("cmd").asText();
            ObjectNode reply;
            try {
                if ("quit".equals(cmd)) {
                    protocol.println("{\"ok\":true}");
                    break;
                }
                reply = worker.handle(cmd, request);
                reply.put("ok", true);
            } catch (Throwable t) {
                t.printStackTrace();
                reply = JSON.createObjectNode();
                reply.put("ok", false);
                reply.put("error", t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            protocol.println(JSON.writeValueAsString(reply));
        }
        System.exit(0); // the embedding models' thread pools are not daemon threads
    }

    private ObjectNode handle(String cmd, JsonNode r) throws Exception {
        switch (cmd) {
            case "info": return info();
            case "load": return load(r.path("model").asText());
            case "split": return split(r);
            case "embed_vectors": return embedVectors(r);
            case "embed_single": return embedSingle(r);
            case "embed_batch": return embedBatch(r);
            case "rag_index": return ragIndex(r);
            case "rag_query": return ragQuery(r);
            case "hybrid_index": return hybridIndex(r);
            case "hybrid_query": return hybridQuery(r);
            case "hybrid_close": return hybridClose(r);
            case "lora_setup": return (lora = new LoraBench()).setup(r);
            case "lora_train": return lora.train(r);
            default: throw new IllegalArgumentException("unknown command " + cmd);
        }
    }

    private ObjectNode info() {
        ObjectNode o = JSON.createObjectNode();
        o.put("java.version", System.getProperty("java.version"));
        o.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        o.put("processors", Runtime.getRuntime().availableProcessors());
        o.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return o;
    }

    /** fp32 is the course's shared model (genai.Embeddings.shared()); int8 is LangChain4j's quantized export. */
    private EmbeddingModel model(String name) {
        return models.computeIfAbsent(name, n -> switch (n) {
            case "fp32" -> Embeddings.shared();
            case "int8" -> new AllMiniLmL6V2QuantizedEmbeddingModel();
            default -> throw new IllegalArgumentException("unknown model " + n);
        });
    }

    private ObjectNode load(String name) {
        long t0 = System.nanoTime();
        EmbeddingModel m = model(name);
        m.embed("warm-up: the first call initialises ONNX Runtime's session and the tokenizer");
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", (System.nanoTime() - t0) / 1e9);
        return o;
    }

    /**
     * The handbook as the lessons load it (genai.data.CourseData.handbook(): one document per file, the file as
     * written, metadata doc_id, section, title and file_name, sorted by doc_id), limited to {@code dir}: the
     * handbook folder itself, or one section folder of it (the RAG warm-up indexes one section).
     */
    private static List<Document> documents(String dir) {
        Path folder = Path.of(dir).toAbsolutePath().normalize();
        Path handbook = Course.dataDir().resolve("handbook").toAbsolutePath().normalize();
        List<Document> all = CourseData.handbook();
        if (folder.equals(handbook)) {
            return all;
        }
        if (!handbook.equals(folder.getParent())) {
            throw new IllegalArgumentException("not the course's handbook folder or one of its sections: " + dir);
        }
        String section = folder.getFileName().toString();
        return all.stream().filter(d -> section.equals(d.metadata().getString(CourseData.SECTION))).toList();
    }

    private static DocumentSplitter splitter(JsonNode r) {
        return DocumentSplitters.recursive(r.path("chunk_size").asInt(), r.path("chunk_overlap").asInt());
    }

    private ObjectNode split(JsonNode r) throws Exception {
        List<TextSegment> segments = splitter(r).splitAll(documents(r.path("dir").asText()));
        ObjectNode o = JSON.createObjectNode();
        ArrayNode chunks = o.putArray("chunks");
        for (TextSegment s : segments) {
            ObjectNode c = chunks.addObject();
            c.put("doc_id", s.metadata().getString(CourseData.DOC_ID));
            c.put("text", s.text());
        }
        return o;
    }

    private static List<TextSegment> segments(JsonNode texts) {
        List<TextSegment> out = new ArrayList<>();
        texts.forEach(t -> out.add(TextSegment.from(t.asText())));
        return out;
    }

    private ObjectNode embedVectors(JsonNode r) {
        List<Embedding> embeddings = model(r.path("model").asText()).embedAll(segments(r.path("texts"))).content();
        ObjectNode o = JSON.createObjectNode();
        ArrayNode vectors = o.putArray("vectors");
        for (Embedding e : embeddings) {
            ArrayNode v = vectors.addArray();
            for (float x : e.vector()) {
                v.add(x);
            }
        }
        return o;
    }

    /** One text per call, as a notebook cell that embeds a query does. */
    private ObjectNode embedSingle(JsonNode r) {
        EmbeddingModel m = model(r.path("model").asText());
        List<String> texts = new ArrayList<>();
        r.path("texts").forEach(t -> texts.add(t.asText()));
        ObjectNode o = JSON.createObjectNode();
        ArrayNode latencies = o.putArray("latencies_ms");
        long start = System.nanoTime();
        for (String text : texts) {
            long t0 = System.nanoTime();
            m.embed(text);
            latencies.add((System.nanoTime() - t0) / 1e6);
        }
        o.put("seconds", (System.nanoTime() - start) / 1e9);
        o.put("count", texts.size());
        return o;
    }

    /** Lists of `batch` texts through embedAll, as an ingestion does. */
    private ObjectNode embedBatch(JsonNode r) {
        EmbeddingModel m = model(r.path("model").asText());
        List<TextSegment> all = segments(r.path("texts"));
        int batch = r.path("batch").asInt(32);
        long start = System.nanoTime();
        for (int i = 0; i < all.size(); i += batch) {
            m.embedAll(all.subList(i, Math.min(all.size(), i + batch)));
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", (System.nanoTime() - start) / 1e9);
        o.put("count", all.size());
        return o;
    }

    /**
     * The course's indexing pipeline: recursive splitter, the shared fp32 model, Chroma (API v2) through
     * genai.Stores. Timed: the ingestion only (split + embed + write); reading files and creating the
     * collection are not.
     */
    private ObjectNode ragIndex(JsonNode r) throws Exception {
        List<Document> docs = documents(r.path("dir").asText());
        DocumentSplitter splitter = splitter(r);
        int chunks = splitter.splitAll(docs).size();
        String collection = r.path("collection").asText();
        EmbeddingStore<TextSegment> store = Stores.chroma(collection);
        stores.put(collection, store);
        EmbeddingStoreIngestor ingestor = EmbeddingStoreIngestor.builder()
                .documentSplitter(splitter)
                .embeddingModel(model("fp32"))
                .embeddingStore(store)
                .build();
        long t0 = System.nanoTime();
        ingestor.ingest(docs);
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", (System.nanoTime() - t0) / 1e9);
        o.put("chunks", chunks);
        return o;
    }

    /** Per question: embed it and ask Chroma for the top k; the latency covers both, as a RAG query does. */
    private ObjectNode ragQuery(JsonNode r) {
        EmbeddingStore<TextSegment> store = stores.get(r.path("collection").asText());
        if (store == null) {
            throw new IllegalStateException("collection not indexed by this worker: " + r.path("collection").asText());
        }
        EmbeddingModel m = model("fp32");
        int k = r.path("k").asInt(5);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode latencies = o.putArray("latencies_ms");
        ArrayNode retrieved = o.putArray("doc_ids");
        for (JsonNode q : r.path("questions")) {
            long t0 = System.nanoTime();
            Embedding query = m.embed(q.asText()).content();
            List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(query).maxResults(k).build()).matches();
            latencies.add((System.nanoTime() - t0) / 1e6);
            ArrayNode ids = retrieved.addArray();
            matches.forEach(match -> ids.add(match.embedded().metadata().getString(CourseData.DOC_ID)));
        }
        stores.remove(r.path("collection").asText());
        return o;
    }

    /**
     * Lesson 12's chunks and indexes: the handbook split by {@code DocumentSplitters.recursive(size, overlap)}
     * through {@code Texts.split} (doc_id and index metadata), written to a new Chroma collection by
     * {@code Chunks.sync} under lesson 04's chunk ids with the course's fp32 MiniLM, and a Lucene BM25 index
     * ({@code Bm25Index}) under the same ids. Returns the chunks (id, doc_id, text), so that the Python side
     * indexes exactly the same ones. Timed: the Chroma write (embedding included) and the BM25 index, apart.
     */
    private ObjectNode hybridIndex(JsonNode r) {
        List<TextSegment> chunks = Texts.split(CourseData.handbook(), splitter(r));
        Map<String, TextSegment> byId = new LinkedHashMap<>();
        for (TextSegment c : chunks) byId.put(Chunks.id(c), c);
        String collection = r.path("collection").asText();
        int candidates = r.path("candidates").asInt(10);
        long t0 = System.nanoTime();
        Chunks.sync(collection, chunks, model("fp32"));
        double denseSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        Bm25Index bm25 = Bm25Index.of(chunks);
        double bm25Seconds = (System.nanoTime() - t0) / 1e9;
        ContentRetriever dense = EmbeddingStoreContentRetriever.builder().embeddingStore(Stores.chroma(collection))
                .embeddingModel(model("fp32")).maxResults(candidates).build();
        hybrids.put(collection, new Hybrid(byId, dense, bm25.retriever(candidates), bm25));
        ObjectNode o = JSON.createObjectNode();
        o.put("dense_seconds", denseSeconds);
        o.put("bm25_seconds", bm25Seconds);
        ArrayNode out = o.putArray("chunks");
        byId.forEach((id, c) -> {
            ObjectNode n = out.addObject();
            n.put("id", id);
            n.put("doc_id", c.metadata().getString(CourseData.DOC_ID));
            n.put("text", c.text());
        });
        return o;
    }

    /**
     * Per question, lesson 12's hybrid search: the dense and the BM25 retriever's top {@code candidates} each,
     * mapped back to the same chunk objects by id (Chroma returns copies), fused by LangChain4j's
     * {@code ReciprocalRankFuser} with k = 60, the first k kept. The latency covers all of it.
     */
    private ObjectNode hybridQuery(JsonNode r) {
        Hybrid h = hybrids.get(r.path("collection").asText());
        if (h == null) {
            throw new IllegalStateException("collection not indexed by this worker: " + r.path("collection").asText());
        }
        int k = r.path("k").asInt(5);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode latencies = o.putArray("latencies_ms");
        ArrayNode retrieved = o.putArray("doc_ids");
        for (JsonNode q : r.path("questions")) {
            long t0 = System.nanoTime();
            Query query = Query.from(q.asText());
            List<Content> fused = ReciprocalRankFuser.fuse(List.of(canonical(h.dense().retrieve(query), h.chunkById()),
                    canonical(h.keyword().retrieve(query), h.chunkById())), 60);
            List<Content> top = fused.subList(0, Math.min(k, fused.size()));
            latencies.add((System.nanoTime() - t0) / 1e6);
            ArrayNode ids = retrieved.addArray();
            top.forEach(c -> ids.add(c.textSegment().metadata().getString(CourseData.DOC_ID)));
        }
        return o;
    }

    private static List<Content> canonical(List<Content> found, Map<String, TextSegment> byId) {
        return found.stream().map(c -> Content.from(byId.get((String) c.metadata().get(ContentMetadata.EMBEDDING_ID)),
                c.metadata())).toList();
    }

    private ObjectNode hybridClose(JsonNode r) {
        Hybrid h = hybrids.remove(r.path("collection").asText());
        if (h != null) h.bm25().close();
        return JSON.createObjectNode();
    }
}
