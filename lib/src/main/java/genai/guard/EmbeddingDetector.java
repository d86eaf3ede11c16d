package genai.guard;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import genai.Embeddings;

import java.util.List;

/**
 * Flags a text whose embedding is close to one of a list of known attack phrasings: the
 * "vector database of previous attacks" layer of Rebuff (ProtectAI) and of the similarity-based
 * detectors surveyed by Liu et al., 2024, "Formalizing and Benchmarking Prompt Injection Attacks and
 * Defenses" (USENIX Security). It catches rephrasings a keyword rule misses, and misses attacks unlike
 * any on its list. The course embeds with all-MiniLM-L6-v2 in this JVM ({@link Embeddings#shared()}).
 */
public final class EmbeddingDetector implements Detector {

    private final EmbeddingModel model;
    private final List<String> known;
    private final List<Embedding> knownVectors;
    private final double threshold;

    private EmbeddingDetector(EmbeddingModel model, List<String> known, List<Embedding> vectors, double threshold) {
        this.model = model;
        this.known = known;
        this.knownVectors = vectors;
        this.threshold = threshold;
    }

    /**
     * A detector over these known attacks with the course's shared model.
     *
     * @param knownAttacks reference phrasings (e.g. {@code CourseData.knownAttacks()}), at least one
     * @param threshold    cosine similarity in [-1, 1] at or above which a text is flagged
     * @throws IllegalArgumentException if the list is empty or the threshold is outside [-1, 1]
     */
    public static EmbeddingDetector of(List<String> knownAttacks, double threshold) {
        return of(Embeddings.shared(), knownAttacks, threshold);
    }

    /** The same with another embedding model (for tests). */
    public static EmbeddingDetector of(EmbeddingModel model, List<String> knownAttacks, double threshold) {
        if (knownAttacks.isEmpty()) throw new IllegalArgumentException("An embedding detector needs at least one known attack.");
        if (threshold < -1 || threshold > 1) throw new IllegalArgumentException("A cosine threshold lies in [-1, 1], got " + threshold + ".");
        List<Embedding> vectors = model.embedAll(knownAttacks.stream().map(TextSegment::from).toList()).content();
        return new EmbeddingDetector(model, List.copyOf(knownAttacks), vectors, threshold);
    }

    /** A copy with another threshold (the known attacks are not embedded again). */
    public EmbeddingDetector withThreshold(double threshold) {
        if (threshold < -1 || threshold > 1) throw new IllegalArgumentException("A cosine threshold lies in [-1, 1], got " + threshold + ".");
        return new EmbeddingDetector(model, known, knownVectors, threshold);
    }

    /** The cosine threshold. */
    public double threshold() {
        return threshold;
    }

    @Override
    public String name() {
        return "embedding";
    }

    /** Flags a text if its highest cosine similarity to a known attack reaches the threshold; the reason is that attack. */
    @Override
    public Verdict inspect(String text) {
        Embedding v = model.embed(text).content();
        double best = -1;
        int at = 0;
        for (int i = 0; i < knownVectors.size(); i++) {
            double c = Embeddings.cosine(v, knownVectors.get(i));
            if (c > best) {
                best = c;
                at = i;
            }
        }
        return new Verdict(best >= threshold, best, known.get(at));
    }
}
