package genai.chat;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.http.ErrorMappingStreamingChatModel;
import genai.Models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One question answered: retrieve passages, build the request (system prompt, the session's memory, the
 * passages with the question), stream the model's reply, remember the exchange. What happens is told to
 * a {@link Listener} in a fixed order: any number of {@code token}s, then {@code sources} and {@code done},
 * or an {@code error} at any point, after which nothing follows.
 */
final class ChatService {

    /**
     * The longest question accepted, in characters (Unicode code points, not UTF-16 units: an emoji is one):
     * a first, cheap bound; the limit that matters is {@link #questionTokenLimit(PromptWindow)}.
     */
    static final int MAX_QUESTION_CHARS = 2000;
    /** The share of the context window one question may take: the rest is for the passages, earlier turns and the reply. */
    static final int QUESTION_SHARE_OF_WINDOW = 4;
    /** The longest reply, in tokens (Ollama's num_predict): a few sentences, as the system prompt asks. */
    static final int MAX_REPLY_TOKENS = 320;

    /** Receives the events of one answer. Calls come from one thread at a time, in order. */
    interface Listener {
        void token(String text);

        void sources(List<Passage> passages);

        void error(String sentence);

        /**
         * @param outputTokens tokens the model generated (Ollama's count, or the pieces received if it gave none)
         * @param firstTokenMs milliseconds from the question to the first piece of the reply (-1 if none came)
         * @param totalMs milliseconds from the question to the end of the reply
         */
        void done(int outputTokens, long firstTokenMs, long totalMs);

        /** Whether the reader went away (the browser tab closed): the generation is then stopped. */
        default boolean gone() {
            return false;
        }
    }

    private final ChatSettings settings;
    private final Knowledge knowledge;
    private final ErrorMappingStreamingChatModel model;
    private volatile PromptWindow window;

    ChatService(ChatSettings settings, Knowledge knowledge) {
        this.settings = settings;
        this.knowledge = knowledge;
        // Ollama answers one request at a time by default and queues the rest, so a reply may wait
        // behind several others before its first token: the idle limit is the whole request timeout.
        this.model = Models.streaming(settings.course(), CourseConfig.REQUEST_TIMEOUT, b -> b.numPredict(MAX_REPLY_TOKENS));
    }

    /** Answers {@code question} in {@code session}, telling {@code listener}; never throws for a failed service. */
    void answer(ChatSession session, String question, Listener listener) {
        long start = System.nanoTime();
        String q = question == null ? "" : question.strip();
        if (q.isEmpty()) {
            listener.error("The question is empty: type a question, then press Send.");
            return;
        }
        int chars = q.codePointCount(0, q.length());
        if (chars > MAX_QUESTION_CHARS) {
            listener.error("The question has " + chars + " characters, more than the " + MAX_QUESTION_CHARS
                    + " this chat accepts: shorten it, or upload the text as a Markdown file and ask about it.");
            return;
        }
        session.turn.lock();
        try {
            // retrieval first: with both services down, Chroma's sentence comes first, as before
            List<Passage> retrieved = knowledge.retrieve(q, session);
            PromptWindow window = window();
            int questionTokens = window.tokens(q);
            int limit = questionTokenLimit(window);
            if (questionTokens > limit) {
                listener.error("The question is " + questionTokens + " tokens long for this model (counted with " + window.counting()
                        + "), more than the " + limit + " one question may take of its " + window.contextTokens()
                        + "-token window: shorten it or split it into several questions.");
                return;
            }
            PromptWindow.Fitted fitted = window.fit(systemPrompt(settings.systemPrompt()), session.memory(), q, retrieved, MAX_REPLY_TOKENS);
            if (fitted == null) {
                listener.error("The system prompt and this question leave no room for an answer in this model's " + window.contextTokens()
                        + "-token window: shorten the question.");
                return;
            }
            List<Passage> passages = fitted.passages();
            ChatRequest request = ChatRequest.builder().messages(fitted.messages()).build();
            AtomicLong firstToken = new AtomicLong(-1);
            AtomicInteger pieces = new AtomicInteger();
            StringBuilder reply = new StringBuilder();
            ChatResponse response = model.chatUntil(request, piece -> {
                firstToken.compareAndSet(-1, System.nanoTime());
                pieces.incrementAndGet();
                reply.append(piece);
                listener.token(piece);
            }, listener::gone);
            if (response == null) {
                // The reader went away and the generation was stopped: an answer nobody saw is not remembered,
                // so the memory and the history hold only exchanges the user read to the end.
                return;
            }
            String answer = response.aiMessage() != null && response.aiMessage().text() != null ? response.aiMessage().text() : reply.toString();
            session.remember(q, answer);
            listener.sources(passages);
            Integer counted = response.tokenUsage() == null ? null : response.tokenUsage().outputTokenCount();
            long end = System.nanoTime();
            listener.done(counted == null ? pieces.get() : counted,
                    firstToken.get() < 0 ? -1 : (firstToken.get() - start) / 1_000_000, (end - start) / 1_000_000);
        } catch (CourseError e) {
            listener.error(e.getMessage().contains("num_ctx") ? CONTEXT_FULL : forChat(e.getMessage()));
        } catch (RuntimeException e) {
            // A bug or a fault the course has no sentence for: the trace goes to the server's log, the page gets one line.
            System.err.println("[chat] answering failed:");
            e.printStackTrace();
            listener.error("The chat app failed while answering (" + e.getClass().getSimpleName() + "): the server's log has"
                    + " the details; send your question again, or press Reset if it keeps failing.");
        } finally {
            session.turn.unlock();
        }
    }

    /** For a request Ollama still found too long (a count that was off): what the user can do about it. */
    static final String CONTEXT_FULL = "This conversation no longer fits the model's context window: press Reset to start a new one,"
            + " or ask a shorter question.";

    /** The most tokens one question may have: a quarter of the window. */
    static int questionTokenLimit(PromptWindow window) {
        return window.contextTokens() / QUESTION_SHARE_OF_WINDOW;
    }

    /** The model's window and token counter, asked of Ollama at the first question (Ollama may start after the app). */
    PromptWindow window() {
        PromptWindow w = window;
        if (w == null) {
            synchronized (this) {
                if (window == null) {
                    window = PromptWindow.forModel(settings.course());
                    System.out.println("[chat] context window of " + settings.course().chatModel() + ": " + window.contextTokens()
                            + " tokens, counted with " + window.counting());
                }
                w = window;
            }
        }
        return w;
    }

    /** The question with the passages above it, each headed by its menu and page so the model can cite it. */
    static String userPrompt(String question, List<Passage> passages) {
        StringBuilder prompt = new StringBuilder("Menu passages:\n");
        if (passages.isEmpty()) {
            prompt.append("(no menu passage matches this question)\n");
        }
        for (Passage p : passages) {
            prompt.append('[').append(p.label()).append("]\n").append(p.text().strip()).append("\n\n");
        }
        return prompt.append("\nQuestion: ").append(question).toString();
    }

    /**
     * The system prompt file's text, read for every question so an edit applies at once.
     *
     * @throws CourseError when the file is missing or empty
     */
    static String systemPrompt(Path file) {
        try {
            String text = Files.readString(file).strip();
            if (!text.isEmpty()) return text;
        } catch (IOException e) {
            // told below
        }
        throw new CourseError("The system prompt " + file + " is missing or empty: restore it ('git checkout data/menus/system-prompt.txt')"
                + " or point CHAT_SYSTEM_PROMPT at a text file.");
    }

    /**
     * A library sentence reworded for the page: the course's sentences end with what to do in a notebook
     * ("run this cell again"), here the user sends the question again.
     */
    static String forChat(String sentence) {
        return sentence.replace("run this cell again", "send your question again")
                .replace("run the cell again", "send your question again")
                .replace("create the store again with Stores.chroma(name) and index the documents", "send your question again (the menus are indexed again)");
    }
}
