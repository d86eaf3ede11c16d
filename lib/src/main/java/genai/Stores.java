package genai;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

import java.time.Duration;

/** Chroma collections on the configured server, through LangChain4j's store, with one-sentence errors. */
public final class Stores {

    private Stores() {}

    /**
     * The named collection (created if missing), as a {@link GuardedEmbeddingStore}: a Chroma that
     * stops mid-lesson is one sentence. Chroma 1.x speaks only API v2; the v1 default
     * would fail with an empty HTTP 405, so the version is set here once for every lesson.
     */
    public static EmbeddingStore<TextSegment> chroma(String collection) {
        new StackHealth(Course.config()).chroma();
        ChromaEmbeddingStore store = ChromaEmbeddingStore.builder()
                .baseUrl(Course.config().chroma())
                .apiVersion(ChromaApiVersion.V2)
                .collectionName(collection)
                .timeout(Duration.ofSeconds(30))
                .build();
        // Checked once here; guarded afterwards, in case Chroma stops in the middle of a lesson.
        return new GuardedEmbeddingStore(store, Course.config());
    }
}
