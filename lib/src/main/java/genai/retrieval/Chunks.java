package genai.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import genai.http.ChromaClient;
import genai.data.CourseData;
import genai.Stores;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Chunk ids and keeping a Chroma collection in step with a list of chunks, as lesson 04 teaches it.
 *
 * <p>A chunk's id is a name-based UUID (RFC 4122 version 3, {@link UUID#nameUUIDFromBytes}) of
 * {@code doc_id + "#" + index + "#" + text}: the same chunk always gets the same id, an edited chunk a
 * new one. Lesson 04 derives the ids of its collection {@code handbook} the same way, so lesson 12's
 * keyword index and that collection name each chunk alike.
 */
public final class Chunks {

    private Chunks() {}

    /** What {@link #sync} did: records added (embedded), deleted (stale) and left as they were. */
    public record SyncRun(int added, int removed, int unchanged) {}

    /**
     * The id of a chunk: a UUID string made from its {@code doc_id} and {@code index} metadata and its text.
     *
     * @throws IllegalArgumentException if the chunk has no {@code doc_id} or no {@code index} metadata
     */
    public static String id(TextSegment chunk) {
        Objects.requireNonNull(chunk, "chunk");
        String docId = chunk.metadata().getString(CourseData.DOC_ID);
        Integer index = chunk.metadata().getInteger("index");
        if (docId == null || index == null) {
            throw new IllegalArgumentException("a chunk needs 'doc_id' and 'index' metadata for its id; this one has "
                    + chunk.metadata().toMap().keySet());
        }
        String key = docId + "#" + index + "#" + chunk.text();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The {@code doc_id} of the segment a retrieved content carries (null if it has none). */
    public static String docId(Content content) {
        return content.textSegment().metadata().getString(CourseData.DOC_ID);
    }

    /** The {@code doc_id}s of retrieved contents, in their order (repeats kept: ranks count chunks). */
    public static List<String> docIds(List<Content> contents) {
        return contents.stream().map(Chunks::docId).toList();
    }

    /**
     * Brings the Chroma collection {@code collection} in line with {@code chunks}: deletes the records of
     * those chunks' documents whose id no chunk gives any more, embeds and adds the chunks Chroma lacks (in
     * batches of 32), keeps the rest. Running it again adds nothing. Ids come from {@link #id}.
     *
     * @param model the embedding model of this collection (a collection holds the vectors of one model)
     * @throws genai.CourseError when Chroma is not running or refuses the name (one sentence)
     */
    public static SyncRun sync(String collection, List<TextSegment> chunks, EmbeddingModel model) {
        var collections = new ChromaClient();
        var store = Stores.chroma(collection);
        List<String> docIds = chunks.stream().map(c -> c.metadata().getString(CourseData.DOC_ID)).distinct().toList();
        Set<String> stored = collections.idsWhereIn(collection, CourseData.DOC_ID, docIds);
        Set<String> wanted = chunks.stream().map(Chunks::id).collect(Collectors.toSet());
        List<String> stale = stored.stream().filter(id -> !wanted.contains(id)).toList();
        if (!stale.isEmpty()) store.removeAll(stale);
        List<TextSegment> fresh = chunks.stream().filter(c -> !stored.contains(id(c))).toList();
        for (int from = 0; from < fresh.size(); from += 32) {
            List<TextSegment> batch = fresh.subList(from, Math.min(from + 32, fresh.size()));
            List<Embedding> vectors = model.embedAll(batch).content();
            store.addAll(batch.stream().map(Chunks::id).toList(), vectors, batch);
        }
        return new SyncRun(fresh.size(), stale.size(), chunks.size() - fresh.size());
    }
}
