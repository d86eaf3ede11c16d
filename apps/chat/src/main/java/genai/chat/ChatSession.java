package genai.chat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One browser's conversation: its chat memory, the history the page can reload, and its own knowledge
 * base of uploaded files, none of it shared with another session or written to disk.
 *
 * <p>The memory is a window of the last {@link #MEMORY_MESSAGES} messages (LangChain4j's
 * {@link MessageWindowChatMemory}): a 135M model's context holds the system prompt, three passages
 * and only a few earlier turns. The memory keeps each question as the user typed it, without the
 * passages retrieved for it, for the same reason.
 */
final class ChatSession {

    /** Messages the model sees from earlier turns: three questions and their answers. */
    static final int MEMORY_MESSAGES = 6;
    /** Messages kept for {@code GET /api/history}; older ones are dropped first. */
    static final int HISTORY_MESSAGES = 200;
    /**
     * Passages of uploaded files one session may hold: about 3 KB each (384 floats, up to 300 characters, metadata),
     * so 3 MB per session and 300 MB for {@link ChatSettings#DEFAULT_MAX_SESSIONS} full sessions, inside the 1 GB heap
     * 'make chat' and the container give the app. 1,000 passages of 300 characters (overlap 30) hold about 270 KB of text.
     */
    static final int MAX_UPLOAD_SEGMENTS = 1000;

    /** One message of the history: role "user" or "assistant". */
    record Turn(String role, String text) {}

    final String id;
    /** Held for the whole of a question, so two tabs of one session cannot interleave one memory. */
    final ReentrantLock turn = new ReentrantLock();
    private final ChatMemory memory = MessageWindowChatMemory.withMaxMessages(MEMORY_MESSAGES);
    private final List<Turn> history = new ArrayList<>();
    private InMemoryEmbeddingStore<TextSegment> uploads = new InMemoryEmbeddingStore<>();
    private final Map<String, TextSegment> uploadSegments = new LinkedHashMap<>();
    private final Map<String, List<String>> uploadsByName = new LinkedHashMap<>();
    /** The content key of each uploaded file's text, by file name: the same text under a second name is not stored again. */
    private final Map<String, String> contentByName = new LinkedHashMap<>();
    private volatile long lastUsedNanos = System.nanoTime();

    ChatSession(String id) {
        this.id = id;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    synchronized List<ChatMessage> memory() {
        return List.copyOf(memory.messages());
    }

    /** Records a completed exchange in the memory and the history. */
    synchronized void remember(String question, String answer) {
        memory.add(UserMessage.from(question));
        memory.add(AiMessage.from(answer));
        history.add(new Turn("user", question));
        history.add(new Turn("assistant", answer));
        while (history.size() > HISTORY_MESSAGES) history.remove(0);
    }

    synchronized List<Turn> history() {
        return List.copyOf(history);
    }

    synchronized InMemoryEmbeddingStore<TextSegment> uploads() {
        return uploads;
    }

    synchronized int uploadSegmentCount() {
        return uploadSegments.size();
    }

    /**
     * Adds the passages of the file {@code name} whose text has the key {@code content}; a file of the same
     * name uploaded before is replaced, so uploading a corrected file twice does not return both versions.
     */
    synchronized void addUploads(String name, String content, List<String> ids, List<Embedding> vectors, List<TextSegment> segments) {
        List<String> earlier = uploadsByName.remove(name);
        contentByName.remove(name);
        if (earlier != null) {
            uploads.removeAll(earlier);
            earlier.forEach(uploadSegments::remove);
        }
        uploads.addAll(ids, vectors, segments);
        for (int i = 0; i < ids.size(); i++) uploadSegments.put(ids.get(i), segments.get(i));
        uploadsByName.put(name, List.copyOf(ids));
        contentByName.put(name, content);
    }

    /**
     * The name under which a file with this text was uploaded, if it was under another name than
     * {@code name} (a browser saves a second download as "menu (1).pdf"), or null.
     */
    synchronized String uploadedAs(String content, String name) {
        for (Map.Entry<String, String> e : contentByName.entrySet()) {
            if (e.getValue().equals(content) && !e.getKey().equals(name)) return e.getKey();
        }
        return null;
    }

    /** The passages an upload of {@code name} would replace. */
    synchronized int uploadSegmentCount(String name) {
        List<String> earlier = uploadsByName.get(name);
        return earlier == null ? 0 : earlier.size();
    }

    synchronized TextSegment uploadSegment(String id) {
        return uploadSegments.get(id);
    }

    /** Forgets the conversation and the uploads. */
    synchronized void reset() {
        memory.clear();
        history.clear();
        uploads = new InMemoryEmbeddingStore<>();
        uploadSegments.clear();
        uploadsByName.clear();
        contentByName.clear();
    }
}
