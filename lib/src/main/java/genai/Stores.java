package genai;

import dev.langchain4j.store.embedding.chroma.ChromaApiVersion;
import dev.langchain4j.store.embedding.chroma.ChromaEmbeddingStore;

import java.time.Duration;

/** Chroma collections on the configured server, through LangChain4j's store. */
public final class Stores {

    private Stores() {}

    /**
     * The named collection (created if missing). Chroma 1.x speaks only API v2; the v1 default
     * would fail with an empty HTTP 405, so the version is set here once for every lesson.
     */
    public static ChromaEmbeddingStore chroma(String collection) {
        new StackHealth(Course.config()).chroma();
        return ChromaEmbeddingStore.builder()
                .baseUrl(Course.config().chroma())
                .apiVersion(ChromaApiVersion.V2)
                .collectionName(collection)
                .timeout(Duration.ofSeconds(30))
                .build();
    }
}
