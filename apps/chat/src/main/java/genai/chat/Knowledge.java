package genai.chat;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import genai.http.ChromaClient;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.data.DocumentFiles;
import genai.data.EmojiNames;
import genai.Embeddings;
import genai.Stores;
import genai.data.Texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What the answers are drawn from: the shared menus, indexed into the Chroma collection
 * {@value #COLLECTION}, and each session's uploads, kept in that session's in-memory store; both are
 * searched for every question and the best {@value #TOP_K} passages win.
 *
 * <p>The menus are read and split when the app starts (no service needed), but written to Chroma
 * only when Chroma answers: at start-up if it is up, otherwise before the first question after it
 * comes back, so the app starts with Chroma down and recovers without a restart. Indexing is
 * idempotent, as in lesson 04: a passage's id is a hash of its file, page, position and text, so an
 * unchanged passage is never embedded twice, a changed one replaces its old record, and the
 * records of a removed file are deleted.
 */
final class Knowledge {

    /** The Chroma collection of the shared menus. */
    static final String COLLECTION = "chat-menus";
    /** Passages per answer: what a 135M model's context holds next to the system prompt and a few turns. */
    static final int TOP_K = 3;
    /**
     * Below this relevance score a passage is left out, so an off-topic question gets no passages and the
     * model is told no menu matched. Lesson 04 chose 0.6 for the handbook; on the seven menus, questions
     * about them scored 0.66 to 0.84 at rank 1, and "How do I fix my bicycle?" 0.57, "Who won the world cup
     * in 2018?" 0.56 (one run on this machine). A question near a menu's topic ("What is the capital of
     * France?" meets the French bistro at 0.64) still gets passages: the system prompt must do the rest.
     */
    static final double MIN_SCORE = 0.6;
    /**
     * Characters per passage and overlap. Lesson 09 measured the menus split at 300/30, 500/50 and 800/80 with the
     * same questions: at 300 every question found its menu among the top 3 (hit rate@3 1.0, against 0.857 at 500),
     * while at 500 "breakfast on Sunday" and "after midnight on Saturday" missed theirs. A menu is a list of short
     * lines, so a 300-character passage is two or three dishes or the opening hours: one topic per vector.
     * (Lesson 04 kept 500 for the handbook's paragraphs of prose.)
     */
    static final int CHUNK_CHARS = 300;
    static final int CHUNK_OVERLAP = 30;
    static final String MENUS = "menus";
    static final String UPLOAD = "upload";

    private final CourseConfig config;
    private final Map<String, TextSegment> menuPassages = new LinkedHashMap<>();
    private final List<String> menuTitles = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private volatile EmbeddingModel embedder;
    private volatile EmbeddingStore<TextSegment> store;
    private volatile boolean indexed;

    /**
     * Reads and splits the menus in {@code docs} (its top-level .pdf and .md files, README.md left out).
     * A file that cannot be read is skipped with its sentence in {@link #skipped()}, so one bad file does
     * not keep the others out.
     */
    Knowledge(ChatSettings settings) {
        this.config = settings.course();
        for (Path file : menuFiles(settings.docs())) {
            try {
                DocumentFiles.Loaded loaded = DocumentFiles.read(file, Long.MAX_VALUE);
                menuTitles.add(loaded.title());
                for (TextSegment segment : split(loaded.pages(), MENUS)) {
                    menuPassages.put(stableId(segment), segment);
                }
            } catch (CourseError e) {
                skipped.add(e.getMessage());
            }
        }
    }

    static List<Path> menuFiles(Path docs) {
        if (!Files.isDirectory(docs)) return List.of();
        try (Stream<Path> files = Files.list(docs)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".pdf") || (name.endsWith(".md") && !name.equals("readme.md"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages split into passages, each tagged with where it comes from ({@link Passage#SOURCE}). */
    static List<TextSegment> split(List<Document> pages, String source) {
        List<Document> tagged = pages.stream().map(d -> Document.from(d.text(), d.metadata().copy().put(Passage.SOURCE, source))).toList();
        return Texts.split(tagged, DocumentSplitters.recursive(CHUNK_CHARS, CHUNK_OVERLAP));
    }

    /** A passage's id from its file, page, position and text: the same passage always gets the same id. */
    static String stableId(TextSegment segment) {
        var m = segment.metadata();
        String key = m.getString(DocumentFiles.FILE_NAME) + "#" + m.getInteger(DocumentFiles.PAGE) + "#" + m.getInteger("index") + "#" + segment.text();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The titles of the menus read (restaurant names), in file order. */
    List<String> menuTitles() {
        return List.copyOf(menuTitles);
    }

    /** The passages of the shared menus. */
    int menuPassageCount() {
        return menuPassages.size();
    }

    /** One sentence per menu file that could not be read. */
    List<String> skipped() {
        return List.copyOf(skipped);
    }

    boolean indexed() {
        return indexed;
    }

    EmbeddingModel embedder() {
        EmbeddingModel e = embedder;
        if (e == null) {
            // all-MiniLM-L6-v2 reads every emoji as [UNK]: named, "🌱" and "🌶️" are "seedling" and "hot pepper"
            e = embedder = EmojiNames.namingEmoji(Embeddings.shared());
        }
        return e;
    }

    /**
     * Brings {@value #COLLECTION} in line with the menus, unless that was done since Chroma last failed.
     *
     * @return the number of passages embedded and added (0 when everything was already there)
     * @throws CourseError when Chroma does not answer
     */
    synchronized int ensureIndexed() {
        if (indexed) return 0;
        EmbeddingStore<TextSegment> target = Stores.chroma(config, COLLECTION);
        var collections = new ChromaClient(config);
        Set<String> stored = collections.idsWhereIn(COLLECTION, Passage.SOURCE, List.of(MENUS));
        List<String> stale = stored.stream().filter(id -> !menuPassages.containsKey(id)).toList();
        if (!stale.isEmpty()) target.removeAll(stale);
        List<String> fresh = menuPassages.keySet().stream().filter(id -> !stored.contains(id)).toList();
        for (int from = 0; from < fresh.size(); from += 32) {
            List<String> ids = fresh.subList(from, Math.min(from + 32, fresh.size()));
            List<TextSegment> batch = ids.stream().map(menuPassages::get).toList();
            target.addAll(ids, embedder().embedAll(batch).content(), batch);
        }
        store = target;
        indexed = true;
        return fresh.size();
    }

    /**
     * The best passages for {@code question} from the menus and the session's uploads, best first.
     *
     * @throws CourseError when Chroma does not answer (the next question indexes again, in case it came back empty)
     */
    List<Passage> retrieve(String question, ChatSession session) {
        Embedding query = embedder().embed(question).content();
        var request = EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(TOP_K).minScore(MIN_SCORE).build();
        List<Passage> found = new ArrayList<>();
        if (!menuPassages.isEmpty()) {
            try {
                ensureIndexed();
                List<EmbeddingMatch<TextSegment>> matches = store.search(request).matches();
                if (matches.isEmpty() && new ChromaClient(config).count(COLLECTION) == 0) {
                    // Chroma came back without its data (a new data folder): the store reconnected to an empty
                    // collection of the same name, so index again rather than answer without menus.
                    indexed = false;
                    ensureIndexed();
                    matches = store.search(request).matches();
                }
                for (EmbeddingMatch<TextSegment> m : matches) found.add(Passage.of(m.embeddingId(), m.embedded(), m.score()));
            } catch (RuntimeException e) {
                indexed = false;
                throw e;
            }
        }
        for (EmbeddingMatch<TextSegment> m : session.uploads().search(request).matches()) {
            found.add(Passage.of(m.embeddingId(), m.embedded(), m.score()));
        }
        return found.stream().sorted(Comparator.comparingDouble(Passage::score).reversed()).limit(TOP_K).toList();
    }

    /**
     * What an upload added.
     *
     * @param sameAs the name under which the same text was already uploaded (nothing was added), or null
     */
    record Upload(String name, String kind, int segments, String sameAs) {}

    /**
     * Reads an uploaded file into the session's own knowledge base.
     *
     * @throws CourseError for a file {@link DocumentFiles} refuses, or one that would take the session past
     *     {@link ChatSession#MAX_UPLOAD_SEGMENTS} passages
     */
    Upload upload(ChatSession session, String name, byte[] content, long maxBytes) {
        DocumentFiles.Loaded loaded = DocumentFiles.read(name, content, maxBytes);
        // Stored by content: the same text under another name would only return each passage several times.
        String key = contentKey(loaded.pages());
        String sameAs = session.uploadedAs(key, name);
        if (sameAs != null) return new Upload(name, loaded.kind().label(), 0, sameAs);
        List<TextSegment> segments = split(loaded.pages(), UPLOAD);
        int room = ChatSession.MAX_UPLOAD_SEGMENTS - session.uploadSegmentCount() + session.uploadSegmentCount(name);
        if (segments.size() > room) {
            throw new CourseError("'" + name + "' has " + segments.size() + " passages and this conversation has room for " + room
                    + " more: press Reset to clear earlier uploads, or upload a shorter document.");
        }
        List<String> ids = segments.stream().map(s -> "upload-" + UUID.randomUUID()).toList();
        session.addUploads(name, key, ids, embedder().embedAll(segments).content(), segments);
        return new Upload(name, loaded.kind().label(), segments.size(), null);
    }

    /** A key for the text of a file's pages (in order), whatever the file's name or the bytes around its text. */
    static String contentKey(List<Document> pages) {
        StringBuilder text = new StringBuilder();
        for (Document page : pages) text.append(page.text().strip()).append('\f');
        return UUID.nameUUIDFromBytes(text.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A passage by id: a menu's, or one of this session's uploads (another session's uploads are not found). */
    Passage passage(String id, ChatSession session) {
        TextSegment segment = menuPassages.get(id);
        if (segment == null && session != null) segment = session.uploadSegment(id);
        return segment == null ? null : Passage.of(id, segment, 1.0);
    }
}
