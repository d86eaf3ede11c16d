package genai;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The course's embedding model, all-MiniLM-L6-v2, run in-process through ONNX Runtime.
 * Loading it takes a second or two and about 90 MB, so every cell shares one instance.
 */
public final class Embeddings {

    private static volatile EmbeddingModel shared;

    private Embeddings() {}

    public static EmbeddingModel shared() {
        EmbeddingModel model = shared;
        if (model == null) {
            synchronized (Embeddings.class) {
                if (shared == null) {
                    shared = new AllMiniLmL6V2EmbeddingModel();
                }
                model = shared;
            }
        }
        return model;
    }

    /** Cosine similarity of two embeddings: the dot product over the product of their lengths. */
    public static double cosine(Embedding a, Embedding b) {
        return cosine(a.vector(), b.vector());
    }

    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }
}
