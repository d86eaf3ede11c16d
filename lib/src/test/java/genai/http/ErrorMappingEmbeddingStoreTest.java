package genai.http;

import genai.CourseError;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import genai.stack.CourseConfig;

class ErrorMappingEmbeddingStoreTest {

    private static final CourseConfig CONFIG = CourseConfig.from(Map.of("CHROMA_URL", "http://127.0.0.1:8000"));
    private static final Embedding VECTOR = Embedding.from(new float[] {1f, 0f, 0f});

    /** What LangChain4j's HTTP client throws when Chroma has stopped: a RuntimeException around ConnectException. */
    private static final class StoppedServer extends InMemoryEmbeddingStore<TextSegment> {
        @Override
        public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
            throw new RuntimeException(new ConnectException());
        }

        @Override
        public String add(Embedding embedding) {
            throw new IllegalArgumentException("dimension mismatch");
        }
    }

    @Test
    void aStoppedChromaIsOneSentence() {
        var store = new ErrorMappingEmbeddingStore(new StoppedServer(), CONFIG);
        CourseError e = assertThrows(CourseError.class,
                () -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(VECTOR).maxResults(1).build()));
        assertEquals("Chroma stopped answering at http://127.0.0.1:8000 (connection refused): run 'make up', then run this"
                + " cell again.", e.getMessage());
    }

    @Test
    void otherErrorsKeepTheirType() {
        var store = new ErrorMappingEmbeddingStore(new StoppedServer(), CONFIG);
        var e = assertThrows(IllegalArgumentException.class, () -> store.add(VECTOR));
        assertEquals("dimension mismatch", e.getMessage());
    }

    @Test
    void itBehavesLikeTheStoreItWraps() {
        var inner = new InMemoryEmbeddingStore<TextSegment>();
        var store = new ErrorMappingEmbeddingStore(inner, CONFIG);
        String id = store.add(VECTOR, TextSegment.from("hello"));
        var found = store.search(EmbeddingSearchRequest.builder().queryEmbedding(VECTOR).maxResults(1).build()).matches();
        assertEquals(id, found.get(0).embeddingId());
        assertEquals("hello", found.get(0).embedded().text());
        store.removeAll();
        assertEquals(0, inner.search(EmbeddingSearchRequest.builder().queryEmbedding(VECTOR).maxResults(1).build()).matches().size());
    }

    @Test
    void aHandleOutlivesARebuildOfItsCollection() {
        // After a collection is dropped and created again, the old id answers "Collection [id] does not exist".
        var fresh = new InMemoryEmbeddingStore<TextSegment>();
        var stale = new InMemoryEmbeddingStore<TextSegment>() {
            @Override
            public String add(Embedding embedding) {
                throw new RuntimeException("Collection [3f2a] does not exist.");
            }
        };
        var stores = new java.util.ArrayDeque<dev.langchain4j.store.embedding.EmbeddingStore<TextSegment>>(java.util.List.of(stale, fresh));
        var store = new ErrorMappingEmbeddingStore(stores::poll, CONFIG);
        String id = store.add(VECTOR);
        assertEquals(1, fresh.search(EmbeddingSearchRequest.builder().queryEmbedding(VECTOR).maxResults(1).build()).matches().size());
        assertEquals(id, fresh.search(EmbeddingSearchRequest.builder().queryEmbedding(VECTOR).maxResults(1).build()).matches().get(0).embeddingId());
    }
}
