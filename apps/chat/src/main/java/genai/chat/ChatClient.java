package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseError;
import genai.http.JsonClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The chat app's HTTP API from Java, as a browser uses it: one instance is one browser, with its own
 * cookie jar and so its own session (memory, history, uploads). Lesson 09 talks to the app through it,
 * and the app's tests do.
 *
 * <pre>{@code
 * var client = new ChatClient(app.url());
 * ChatClient.Reply reply = client.ask("Is there a gluten-free pizza?", System.out::print);
 * reply.sources().forEach(s -> System.out.println(s.menu() + ", page " + s.page()));
 * }</pre>
 */
public final class ChatClient {

    /** A source of an answer, as the {@code sources} event lists it. */
    public record Source(String id, String menu, String title, int page, String href, double score) {}

    /** One server-sent event: its name ({@code token}, {@code sources}, {@code done}, {@code error}) and its JSON data. */
    public record Event(String name, JsonNode data) {}

    /** The events of one answer, in the order they arrived. */
    public record Reply(List<Event> events) {

        /** The reply's text: the {@code token} events joined. */
        public String text() {
            StringBuilder text = new StringBuilder();
            events.stream().filter(e -> e.name().equals("token")).forEach(e -> text.append(e.data().path("text").asText()));
            return text.toString();
        }

        /** How many pieces the reply arrived in ({@code token} events). */
        public int chunks() {
            return (int) events.stream().filter(e -> e.name().equals("token")).count();
        }

        /** The sources, empty when there were none or the answer failed. */
        public List<Source> sources() {
            List<Source> sources = new ArrayList<>();
            for (Event e : events) {
                if (!e.name().equals("sources")) continue;
                for (JsonNode s : e.data()) {
                    sources.add(new Source(s.path("id").asText(), s.path("menu").asText(), s.path("title").asText(),
                            s.path("page").asInt(), s.path("href").asText(), s.path("score").asDouble()));
                }
            }
            return sources;
        }

        /** The error sentence, or null when the answer completed. */
        public String error() {
            return events.stream().filter(e -> e.name().equals("error")).map(e -> e.data().path("message").asText()).findFirst().orElse(null);
        }

        /** The {@code done} event's data ({@code outputTokens}, {@code firstTokenMs}, {@code totalMs}), or null after an error. */
        public JsonNode done() {
            return events.stream().filter(e -> e.name().equals("done")).map(Event::data).findFirst().orElse(null);
        }
    }

    /** What an upload answered: HTTP status, then either the file's name, kind and passages, or the error sentence. */
    public record Upload(int status, String name, String kind, int segments, String error) {}

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param url the app's address, e.g. {@link ChatApp#url()} */
    public ChatClient(String url) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Asks {@code question} and waits for the whole answer. */
    public Reply ask(String question) {
        return ask(question, piece -> { });
    }

    /**
     * Asks {@code question}, handing each piece of the reply to {@code onToken} as it arrives.
     *
     * @return every event of the answer; an answer that failed ends with an {@code error} event ({@link Reply#error()})
     * @throws CourseError when the app does not answer at all
     */
    public Reply ask(String question, Consumer<String> onToken) {
        var body = JsonClient.object().put("message", question).toString();
        var request = HttpRequest.newBuilder(URI.create(base + "/api/chat")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Event> events = new ArrayList<>();
        // The event-stream format of the HTML standard: "event:" and "data:" lines, a blank line ends an event.
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (name != null) {
                        Event event = new Event(name, JsonClient.json().readTree(data.toString()));
                        events.add(event);
                        if (name.equals("token")) onToken.accept(event.data().path("text").asText());
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) data.append('\n');
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            throw new CourseError("The chat app at " + base + " broke off its answer (" + e.getMessage() + "): check that it still"
                    + " runs, then ask again.");
        }
        return new Reply(List.copyOf(events));
    }

    /** Uploads a PDF or Markdown file into this session. @throws CourseError when the file cannot be read or the app does not answer */
    public Upload upload(Path file) {
        try {
            return upload(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new CourseError("'" + file + "' cannot be read (" + e.getMessage() + "): check the path.");
        }
    }

    /** Uploads {@code content} under the file name {@code name} (multipart field {@code file}, as the page sends it). */
    public Upload upload(String name, byte[] content) {
        String boundary = "----chat-client-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name.replace("\"", "")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(base + "/api/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail))).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = json(response);
        return new Upload(response.statusCode(), json.path("name").asText(null), json.path("kind").asText(null),
                json.path("segments").asInt(), json.path("error").asText(null));
    }

    /** This session's messages, oldest first: each {@code {"role": "user"|"assistant", "text": ...}}. */
    public JsonNode history() {
        return json(get("/api/history"));
    }

    /** Clears this session's memory, history and uploads. */
    public void reset() {
        send(HttpRequest.newBuilder(URI.create(base + "/api/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The app's {@code /api/health}: {@code ok}, and a sentence each for {@code ollama} and {@code chroma}. */
    public JsonNode health() {
        return json(get("/api/health"));
    }

    /** GET of a path of the app (e.g. a source's {@code href}), with this session's cookie. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST of a raw body to a path of the app, with this session's cookie (for requests the methods above do not make). */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of this client's session cookie, or null before the first request. */
    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(ChatApp.COOKIE))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JsonClient.json().readTree(response.body());
        } catch (IOException e) {
            throw new CourseError("The chat app answered " + response.uri().getPath() + " with something that is not JSON (HTTP "
                    + response.statusCode() + "): is " + response.uri().getAuthority() + " the chat app?");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CourseError("The chat app does not answer at " + base + " (connection refused): start it (make chat, or"
                    + " ChatApp.start in lesson 09), then try again.");
        } catch (IOException e) {
            throw new CourseError("The chat app at " + base + " could not be reached (" + e.getClass().getSimpleName() + "): check"
                    + " that it runs, then try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseError("Interrupted while waiting for the chat app: ask again.");
        }
    }

    /**
     * This client as a JSON-lines worker, so the Python tests and {@code bench/python/chat_load.py} drive the app
     * through the same event-stream reader as lesson 09 instead of a second one:
     * {@code java -cp ... genai.chat.ChatClient URL}, then one command per line on stdin and one answer per line on
     * stdout. One process is one browser (one cookie).
     * <ul>
     *   <li>{@code {"op":"chat","message":"..."}} answers {@code {"events":[names],"tokens":[texts],"sources":[...],
     *       "error":"..."|null,"done":{...}|null,"first_token_s":s|null,"total_s":s}} (times in seconds on this side);</li>
     *   <li>{@code {"op":"upload","path":"...","name":"..."|absent}} answers {@code {"status":200,"body":{name,kind,segments,error}}};</li>
     *   <li>{@code {"op":"history"}}, {@code {"op":"reset"}}: {@code {"status":..,"body":...}};
     *       {@code {"op":"get","path":"/..."}}: {@code {"status":..,"text":"..."}};
     *       {@code {"op":"session"}}: {@code {"session":"<cookie value>"|null}};</li>
     *   <li>a command that fails answers {@code {"failure":"<one sentence>"}}.</li>
     * </ul>
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp ... genai.chat.ChatClient http://HOST:PORT/ (then JSON commands on stdin)");
            System.exit(2);
        }
        ChatClient client = new ChatClient(args[0]);
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            com.fasterxml.jackson.databind.node.ObjectNode answer = JsonClient.object();
            try {
                answer = client.command(JsonClient.json().readTree(line));
            } catch (RuntimeException | IOException e) {
                answer.put("failure", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            out.println(answer);
        }
    }

    /** One JSON-lines command (see {@link #main}); package-private for the tests. */
    com.fasterxml.jackson.databind.node.ObjectNode command(JsonNode command) throws IOException {
        var answer = JsonClient.object();
        switch (command.path("op").asText()) {
            case "chat" -> {
                long start = System.nanoTime();
                var first = new java.util.concurrent.atomic.AtomicLong();
                Reply reply = ask(command.path("message").asText(), piece -> first.compareAndSet(0, System.nanoTime()));
                long end = System.nanoTime();
                var names = answer.putArray("events");
                var tokens = answer.putArray("tokens");
                for (Event e : reply.events()) {
                    names.add(e.name());
                    if (e.name().equals("token")) tokens.add(e.data().path("text").asText());
                    if (e.name().equals("sources")) answer.set("sources", e.data());
                }
                if (!answer.has("sources")) answer.putArray("sources");
                answer.put("error", reply.error());
                answer.set("done", reply.done());
                if (first.get() == 0) answer.putNull("first_token_s");
                else answer.put("first_token_s", (first.get() - start) / 1e9);
                answer.put("total_s", (end - start) / 1e9);
            }
            case "upload" -> {
                Path file = Path.of(command.path("path").asText());
                Upload u = command.hasNonNull("name") ? upload(command.get("name").asText(), Files.readAllBytes(file)) : upload(file);
                answer.put("status", u.status());
                answer.putObject("body").put("name", u.name()).put("kind", u.kind()).put("segments", u.segments()).put("error", u.error());
            }
            case "history" -> answer.put("status", 200).set("body", history());
            case "reset" -> {
                HttpResponse<String> r = post("/api/reset", "application/json", "");
                answer.put("status", r.statusCode()).set("body", json(r));
            }
            case "get" -> {
                HttpResponse<String> r = get(command.path("path").asText());
                answer.put("status", r.statusCode()).put("text", r.body());
            }
            case "session" -> answer.put("session", sessionId());
            default -> answer.put("failure", "Unknown command '" + command.path("op").asText() + "': use chat, upload, history, reset, get or session.");
        }
        return answer;
    }
}
