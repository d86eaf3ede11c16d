package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseError;
import genai.data.DocumentFiles;
import genai.http.JsonClient;
import genai.stack.StackHealth;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The course's final project: a chat page over restaurant menus (and the user's own files), answered by
 * the course's Ollama model with passages retrieved from Chroma, streamed to the browser as server-sent
 * events. The HTTP API and the page's element ids are listed in apps/chat/README.md.
 *
 * <pre>{@code
 * ChatApp app = ChatApp.start(ChatSettings.fromEnv().withPort(0));   // lesson 09: a free port
 * System.out.println(app.url());                                       // http://127.0.0.1:PORT/
 * app.close();
 * }</pre>
 *
 * It starts even when Ollama or Chroma is down (it says so on stderr) and recovers when they come back;
 * a question asked meanwhile gets the one sentence that says what to start.
 */
public final class ChatApp implements AutoCloseable {

    /** The session cookie's name. */
    public static final String COOKIE = "chat_session";
    private static final String SESSION = "chat.session";
    private static final String CSP = "default-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final ChatSettings settings;
    private final Sessions sessions;
    private final Knowledge knowledge;
    private final ChatService chat;
    private final ScheduledExecutorService timer;
    private final Javalin server;
    private final String url;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Consumer<String> log;

    private ChatApp(ChatSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
        this.sessions = new Sessions(settings.maxSessions(), settings.sessionIdle());
        this.knowledge = new Knowledge(settings);
        this.chat = new ChatService(settings, knowledge);
        this.timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "chat-timer");
            t.setDaemon(true);
            return t;
        });
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            // Jetty refuses a much larger body before it is read; DocumentFiles words the refusal of one just over the limit.
            config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes() + DocumentFiles.MB, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes() + 2 * DocumentFiles.MB, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.routes.before(this::beforeEach);
            config.routes.post("/api/chat", this::chat);
            config.routes.post("/api/upload", this::upload);
            config.routes.post("/api/reset", this::reset);
            config.routes.get("/api/history", this::history);
            config.routes.get("/api/health", this::health);
            config.routes.get("/sources/{id}", this::source);
            config.routes.exception(Exception.class, (e, ctx) -> {
                System.err.println("[chat] " + ctx.method() + " " + ctx.path() + " failed:");
                e.printStackTrace();
                json(ctx, 500, Map.of("error", "The chat app failed on this request (" + e.getClass().getSimpleName()
                        + "): the server's log has the details; try again."));
            });
        });
        try {
            server.start(settings.host(), settings.port());
        } catch (RuntimeException e) {
            timer.shutdownNow();
            server.stop();   // Jetty's threads, started before the bind failed
            throw new CourseError("The chat app could not listen on " + settings.host() + ":" + settings.port() + " (" + rootMessage(e)
                    + "): stop the program that uses that port, or choose another with CHAT_PORT (0 picks a free one).");
        }
        this.url = "http://" + settings.host() + ":" + server.port() + "/";
        timer.scheduleAtFixedRate(sessions::sweep, 1, 1, TimeUnit.MINUTES);
        this.shutdownHook = new Thread(this::stop, "chat-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the app and returns once it accepts requests; the menus are indexed in the background. It
     * prints nothing (a notebook cell's output stays its own): {@code GET /api/health} says what is ready.
     *
     * @throws CourseError when the port is taken or a setting is unusable
     */
    public static ChatApp start(ChatSettings settings) {
        return start(settings, line -> { });
    }

    /** {@link #start(ChatSettings)}, telling {@code log} what the start-up found (services, menus indexed, files skipped). */
    static ChatApp start(ChatSettings settings, Consumer<String> log) {
        // PDFBox logs a line per standard font it substitutes while reading text; the text is unaffected.
        Logger.getLogger("org.apache.pdfbox").setLevel(Level.SEVERE);
        ChatApp app = new ChatApp(settings, log);
        app.timer.execute(app::warmUp);
        return app;
    }

    /** The page's address, e.g. "http://127.0.0.1:7070/". */
    public String url() {
        return url;
    }

    /** The settings it runs with. */
    public ChatSettings settings() {
        return settings;
    }

    /** Stops the server (idempotent); the sessions and their uploads are gone with it. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            timer.shutdownNow();
            server.stop();
        }
    }

    /** {@code java -cp ... genai.chat.ChatApp}: settings from the environment, one line on stdout when serving. */
    public static void main(String[] args) {
        ChatApp app;
        try {
            app = start(ChatSettings.fromEnv(), line -> System.err.println("[chat] " + line));
        } catch (CourseError e) {
            System.err.println("[chat] " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("[chat] serving " + app.url());
        System.out.flush();
    }

    /** Loads the embedding model, reports the services, and indexes the menus if Chroma answers. */
    private void warmUp() {
        knowledge.skipped().forEach(s -> log.accept("menu skipped: " + s));
        if (knowledge.menuPassageCount() == 0) {
            log.accept("no menus in " + settings.docs() + ": answers use uploads only (put PDFs there, or set CHAT_DOCS).");
        }
        knowledge.embedder();
        try {
            new StackHealth(settings.course()).requireModel(settings.course().chatModel(), "COURSE_CHAT_MODEL");
        } catch (CourseError e) {
            log.accept("not ready yet: " + e.getMessage());
        }
        try {
            int added = knowledge.ensureIndexed();
            log.accept(knowledge.menuPassageCount() + " passages of " + knowledge.menuTitles().size() + " menus in Chroma '"
                    + Knowledge.COLLECTION + "' (" + added + " newly embedded)");
        } catch (CourseError e) {
            log.accept("menus not indexed yet (they will be at the first question once Chroma answers): " + e.getMessage());
        } catch (RuntimeException e) {
            log.accept("menus not indexed yet: " + rootMessage(e));
        }
    }

    private void beforeEach(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String path = ctx.path();
        boolean needsSession = path.equals("/") || path.equals("/index.html") || path.startsWith("/sources/")
                || (path.startsWith("/api/") && !path.equals("/api/health"));
        if (!needsSession) return;
        ChatSession session = sessions.find(ctx.cookie(COOKIE));
        if (session == null) {
            session = sessions.create();
            ctx.cookie(new Cookie(COOKIE, session.id, "/", -1, false, true, null, SameSite.STRICT));
        }
        ctx.attribute(SESSION, session);
    }

    private static ChatSession session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    private void chat(Context ctx) {
        String message = null;
        String bad = null;
        try {
            JsonNode body = JsonClient.json().readTree(ctx.body());
            if (body != null && body.path("message").isTextual()) message = body.get("message").asText();
            else bad = "The request needs a JSON body like {\"message\": \"Where can I eat vegetarian pasta?\"}: send the question in the field 'message'.";
        } catch (IOException e) {
            bad = "The request body is not JSON: send {\"message\": \"your question\"} with Content-Type application/json.";
        }
        ChatSession session = session(ctx);
        try (EventStream events = new EventStream(ctx, timer)) {
            if (bad != null) {
                events.send("error", Map.of("message", bad));
                return;
            }
            chat.answer(session, message, new ChatService.Listener() {
                private int chunks;

                @Override
                public void token(String text) {
                    chunks++;
                    events.send("token", Map.of("text", text));
                }

                @Override
                public void sources(List<Passage> passages) {
                    events.send("sources", passages.stream().map(p -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("id", p.id());
                        s.put("menu", p.menu());
                        s.put("title", p.fileName());
                        s.put("page", p.page());
                        s.put("href", "/sources/" + p.id());
                        s.put("score", Math.round(p.score() * 1000) / 1000.0);
                        return s;
                    }).toList());
                }

                @Override
                public void error(String sentence) {
                    events.send("error", Map.of("message", sentence));
                }

                @Override
                public boolean gone() {
                    return events.terminated();
                }

                @Override
                public void done(int outputTokens, long firstTokenMs, long totalMs) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("outputTokens", outputTokens);
                    d.put("firstTokenMs", firstTokenMs);
                    d.put("totalMs", totalMs);
                    d.put("chunks", chunks);
                    events.send("done", d);
                }
            });
        }
    }

    private void upload(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) {   // Jetty's multipart refusals arrive as a (checked) ServletException
            String reason = rootMessage(e);
            if (reason.toLowerCase().contains("exceed") || reason.toLowerCase().contains("too large") || reason.contains("413")) {
                json(ctx, 413, Map.of("error", "The file is over the limit of " + (settings.maxUploadBytes() / DocumentFiles.MB)
                        + " MB: upload a smaller file (split it into parts, or save it without images)."));
            } else {
                json(ctx, 400, Map.of("error", "The upload could not be read (" + reason + "): choose the file again and upload it."));
            }
            return;
        }
        if (file == null) {
            json(ctx, 400, Map.of("error", "No file was sent: choose a PDF or Markdown file (form field 'file') and upload it."));
            return;
        }
        String name = safeName(file.filename());
        try {
            // Jetty has already held it to the limit plus 1 MB; DocumentFiles says by how much it is over.
            byte[] bytes;
            try (InputStream in = file.content()) {
                bytes = in.readAllBytes();
            }
            Knowledge.Upload added = knowledge.upload(session(ctx), name, bytes, settings.maxUploadBytes());
            Map<String, Object> answer = new LinkedHashMap<>(Map.of("name", added.name(), "kind", added.kind(), "segments", added.segments()));
            if (added.sameAs() != null) answer.put("sameAs", added.sameAs());
            json(ctx, 200, answer);
        } catch (CourseError e) {
            json(ctx, e.getMessage().contains("over the limit") ? 413 : 400, Map.of("error", e.getMessage()));
        } catch (IOException e) {
            json(ctx, 400, Map.of("error", "The upload of '" + name + "' broke off (" + e.getMessage() + "): upload it again."));
        }
    }

    private void reset(Context ctx) {
        session(ctx).reset();
        json(ctx, 200, Map.of("reset", true));
    }

    private void history(Context ctx) {
        json(ctx, 200, session(ctx).history());
    }

    private void source(Context ctx) {
        Passage passage = knowledge.passage(ctx.pathParam("id"), session(ctx));
        ctx.contentType("text/html; charset=utf-8");
        if (passage == null) {
            ctx.status(404).result(SourcePage.notFound(ctx.pathParam("id")));
        } else {
            ctx.result(SourcePage.of(passage));
        }
    }

    private void health(Context ctx) {
        var health = new StackHealth(settings.course());
        String ollama;
        String chroma;
        boolean ollamaOk = true;
        boolean chromaOk = true;
        try {
            var status = health.requireModel(settings.course().chatModel(), "COURSE_CHAT_MODEL");
            ollama = "Ollama " + status.version() + " at " + status.baseUrl() + " with " + settings.course().chatModel();
        } catch (CourseError e) {
            ollama = e.getMessage();
            ollamaOk = false;
        }
        try {
            var status = health.chroma();
            chroma = "Chroma (HTTP API " + status.version() + ") at " + status.baseUrl() + (knowledge.indexed()
                    ? ", " + knowledge.menuPassageCount() + " menu passages indexed" : ", menus not indexed yet");
        } catch (CourseError e) {
            chroma = e.getMessage();
            chromaOk = false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ollamaOk && chromaOk);
        body.put("ollama", ollama);
        body.put("chroma", chroma);
        body.put("ollamaOk", ollamaOk);
        body.put("chromaOk", chromaOk);
        body.put("menus", knowledge.menuTitles());
        json(ctx, 200, body);
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JsonClient.json().writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file name without any folder a browser may send, and cut to 200 characters. */
    static String safeName(String raw) {
        String name = raw == null ? "" : raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) name = "upload";
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
