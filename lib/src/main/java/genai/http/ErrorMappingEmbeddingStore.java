package genai.http;

import genai.CourseError;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import genai.stack.CourseConfig;

/**
 * A LangChain4j {@link EmbeddingStore} that behaves exactly like the Chroma store it wraps, except that
 * a Chroma server that stopped in the middle of a lesson surfaces as one sentence instead of a
 * hundred-line trace. What is already stored stays in Chroma's data folder either way.
 */
public final class ErrorMappingEmbeddingStore implements EmbeddingStore<TextSegment> {

    private final Supplier<EmbeddingStore<TextSegment>> connect;
    private volatile EmbeddingStore<TextSegment> delegate;
    private final URI chroma;
    private final ExceptionMapper errors;

    /**
     * @param delegate the store to guard, used unchanged
     * @param config names Chroma's URL in the sentences
     */
    public ErrorMappingEmbeddingStore(EmbeddingStore<TextSegment> delegate, CourseConfig config) {
        this(() -> delegate, config);
    }

    /**
     * A store that can reconnect: {@code connect} builds the store (by collection name), once now and
     * once more if an operation finds that its collection no longer exists (Chroma: "Collection [id]
     * does not exist", after the collection was dropped and created again).
     */
    public ErrorMappingEmbeddingStore(Supplier<EmbeddingStore<TextSegment>> connect, CourseConfig config) {
        this.connect = connect;
        this.delegate = connectNow(connect, config);
        this.chroma = URI.create(config.chroma());
        this.errors = new ExceptionMapper(config);
    }

    private static EmbeddingStore<TextSegment> connectNow(Supplier<EmbeddingStore<TextSegment>> connect, CourseConfig config) {
        try {
            return connect.get();
        } catch (RuntimeException e) {
            throw new ExceptionMapper(config).explain(URI.create(config.chroma()), e);
        }
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            if (!collectionGone(e)) {
                throw errors.explain(chroma, e);
            }
        }
        // The collection was re-created under the same name since this handle was made: reconnect once.
        try {
            delegate = connect.get();
            return operation.get();
        } catch (RuntimeException e) {
            if (collectionGone(e)) {
                throw new CourseError("Chroma at " + chroma + " no longer has this store's collection, even after reconnecting by"
                        + " name: create the store again with Stores.chroma(name) and index the documents.");
            }
            throw errors.explain(chroma, e);
        }
    }

    static boolean collectionGone(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("does not exist") && m.contains("ollection")) return true;
        }
        return false;
    }

    private void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    @Override
    public String add(Embedding embedding) {
        return call(() -> delegate.add(embedding));
    }

    @Override
    public void add(String id, Embedding embedding) {
        run(() -> delegate.add(id, embedding));
    }

    @Override
    public String add(Embedding embedding, TextSegment segment) {
        return call(() -> delegate.add(embedding, segment));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        return call(() -> delegate.addAll(embeddings));
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        return call(() -> delegate.addAll(embeddings, segments));
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        run(() -> delegate.addAll(ids, embeddings, segments));
    }

    @Override
    public void remove(String id) {
        run(() -> delegate.remove(id));
    }

    @Override
    public void removeAll(Collection<String> ids) {
        run(() -> delegate.removeAll(ids));
    }

    @Override
    public void removeAll(Filter filter) {
        run(() -> delegate.removeAll(filter));
    }

    @Override
    public void removeAll() {
        run(delegate::removeAll);
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return call(() -> delegate.search(request));
    }

    @Override
    public String toString() {
        return "ErrorMappingEmbeddingStore[Chroma at " + chroma + "]";
    }
}
