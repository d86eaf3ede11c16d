package genai;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

import java.time.Duration;
import genai.http.ChromaClient;
import genai.http.ErrorMappingEmbeddingStore;
import genai.stack.CourseConfig;
import genai.stack.StackHealth;

/** Chroma collections on the configured server, through LangChain4j's store, with one-sentence errors. */
public final class Stores {

    private Stores() {}

    /**
     * The named collection (created if missing), as a {@link ErrorMappingEmbeddingStore}: a Chroma that
     * stops mid-lesson is one sentence, and a handle outlives a rebuild of its collection (dropped
     * and created again under the same name, e.g. by lesson 04's drift guard): LangChain4j's store
     * keeps the collection's id, which then answers 404, so the guard reconnects by name once.
     * Chroma 1.x speaks only API v2; the v1 default would fail with an empty HTTP 405, so the
     * version is set here once for every lesson.
     *
     * @param collection the collection name (3-512 characters of [a-zA-Z0-9._-], see {@link ChromaClient#requireValidName})
     * @throws CourseError for an invalid name (before any request) or a Chroma that does not answer
     */
    public static EmbeddingStore<TextSegment> chroma(String collection) {
        return chroma(Course.config(), collection);
    }

    /**
     * {@link #chroma(String)} on the Chroma server {@code config} names, for a program that is given its
     * configuration (the chat app) rather than reading this process's environment.
     *
     * @throws CourseError for an invalid name (before any request) or a Chroma that does not answer
     */
    public static EmbeddingStore<TextSegment> chroma(CourseConfig config, String collection) {
        ChromaClient.requireValidName(collection);
        new StackHealth(config).chroma();
        String url = config.chroma();
        // Checked once here; guarded afterwards, in case Chroma stops in the middle of a lesson.
        return new ErrorMappingEmbeddingStore(() -> ChromaEmbeddingStore.builder()
                .baseUrl(url)
                .apiVersion(ChromaApiVersion.V2)
                .collectionName(collection)
                .timeout(Duration.ofSeconds(30))
                .build(), config);
    }
}
