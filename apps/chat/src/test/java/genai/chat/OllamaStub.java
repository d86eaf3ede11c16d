package genai.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback stand-in for Ollama's /api/chat and /api/tags, for the request shapes and error paths a real
 * model is not needed for: it streams a fixed reply word by word (NDJSON, as Ollama does), or fails the way
 * {@link #mode} says.
 */
final class OllamaStub implements AutoCloseable {

    enum Mode { REPLY, MODEL_MISSING, ERROR_MID_STREAM, SLOW_LONG_REPLY, CONTEXT_OVERFLOW }

    private final HttpServer server;
    private final List<String> chatBodies = new ArrayList<>();
    volatile Mode mode = Mode.REPLY;
    volatile String reply = "Trattoria Lucerna serves pasta alla norma for 12 euros (menu: Trattoria Lucerna).";
    /** The context window /api/show reports (Modelfile parameter num_ctx). */
    volatile int numCtx = 4096;
    /** Pieces of the last SLOW_LONG_REPLY stream written before the reader closed the connection, and whether it did. */
    volatile int slowPiecesWritten;
    volatile boolean slowStreamBroken;
    volatile boolean slowStreamEnded;
    static final int SLOW_PIECES = 300;

    OllamaStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try {
                handle(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/api/version")) {
            send(exchange, 200, "{\"version\":\"0.24.0\"}");
        } else if (path.equals("/api/tags")) {
            send(exchange, 200, "{\"models\":[{\"name\":\"stub-model:latest\"}]}");
        } else if (path.equals("/api/show")) {
            // no FROM path on this machine, so the app counts tokens with /api/generate below
            send(exchange, 200, "{\"modelfile\":\"FROM stub-model\\n\",\"parameters\":\"num_ctx " + numCtx + "\",\"capabilities\":[\"completion\"],\"template\":\"\"}");
        } else if (path.equals("/api/generate")) {
            // a stand-in tokenizer: one token per UTF-8 byte of the prompt (what byte-level BPE starts from)
            String prompt = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("prompt").asText("");
            send(exchange, 200, "{\"model\":\"stub-model\",\"response\":\"x\",\"done\":true,\"prompt_eval_count\":"
                    + prompt.getBytes(StandardCharsets.UTF_8).length + ",\"eval_count\":1}");
        } else if (path.equals("/api/chat")) {
            synchronized (chatBodies) {
                chatBodies.add(body);
            }
            switch (mode) {
                case MODEL_MISSING -> send(exchange, 404, "{\"error\":\"model 'stub-model' not found\"}");
                case ERROR_MID_STREAM -> stream(exchange, List.of(piece("Half"), piece(" an answer"), "{\"error\":\"the runner crashed\"}"));
                case SLOW_LONG_REPLY -> slowStream(exchange);
                case CONTEXT_OVERFLOW -> send(exchange, 400, "{\"error\":\"the input length exceeds the context length\"}");
                case REPLY -> {
                    List<String> lines = new ArrayList<>();
                    for (String word : reply.split("(?<= )")) lines.add(piece(word));
                    lines.add("{\"model\":\"stub-model\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                            + "\"done_reason\":\"stop\",\"prompt_eval_count\":42,\"eval_count\":" + (lines.size()) + "}");
                    stream(exchange, lines);
                }
            }
        } else {
            send(exchange, 404, "404 page not found");
        }
    }

    private static String piece(String text) {
        return "{\"model\":\"stub-model\",\"message\":{\"role\":\"assistant\",\"content\":" + quote(text) + "},\"done\":false}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void stream(HttpExchange exchange, List<String> lines) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(5);
        }
    }

    /** A long reply, one piece every 20 ms, as a busy model writes it; stops when a write fails (the reader closed). */
    private void slowStream(HttpExchange exchange) throws IOException, InterruptedException {
        slowPiecesWritten = 0;
        slowStreamBroken = false;
        slowStreamEnded = false;
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < SLOW_PIECES; i++) {
                out.write((piece("word" + i + " ") + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                slowPiecesWritten = i + 1;
                Thread.sleep(20);
            }
            out.write(("{\"model\":\"stub-model\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"length\","
                    + "\"prompt_eval_count\":42,\"eval_count\":" + SLOW_PIECES + "}\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException readerWentAway) {
            slowStreamBroken = true;
        } finally {
            slowStreamEnded = true;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The bodies of the /api/chat requests received so far. */
    List<String> chatBodies() {
        synchronized (chatBodies) {
            return List.copyOf(chatBodies);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A loopback port nothing listens on (bound, read, released): a stopped service. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Starts the chat app on a free port against this stub, with no menus, no reachable Chroma and the given
     * system prompt: the set-up the app-level tests share.
     * @param systemPrompt the guide's instructions, written to a temporary prompt file
     * @return the running app; the caller closes it
     * @throws IOException if the temporary folder cannot be written
     */
    ChatApp startAppWithoutMenus(String systemPrompt) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("chat-app-test");
        java.nio.file.Files.writeString(dir.resolve("prompt.txt"), systemPrompt);
        java.nio.file.Files.createDirectories(dir.resolve("no-menus"));
        return ChatApp.start(ChatSettings.from(java.util.Map.of("OLLAMA_BASE_URL", url(), "CHROMA_URL", "http://127.0.0.1:" + closedPort(),
                        "COURSE_CHAT_MODEL", "stub-model"))
                .withPort(0).withDocs(dir.resolve("no-menus")).withSystemPrompt(dir.resolve("prompt.txt")));
    }
}
