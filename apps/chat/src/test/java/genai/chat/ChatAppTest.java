package genai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import genai.CourseError;
import genai.data.DocumentFiles;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app over HTTP, as a browser or lesson 09's client uses it, with a stub in place of Ollama (the
 * model's words are not the point here) and no Chroma (the menus folder is empty, so only uploads are
 * searched), except where a stopped service is the point.
 */
class ChatAppTest {

    static final String MENU = "# Hidden Kitchen\n\nSaffron risotto with peas, 14 euros. Allergens: milk.\n\nOpen Wednesday to Sunday, 18:00 to 23:00.\n";
    static final long UPLOAD_LIMIT = 64 * 1024;

    static OllamaStub ollama;
    static Path dir;
    static ChatApp app;

    static ChatSettings settings(String ollamaUrl, String chromaUrl, Path docs) {
        return ChatSettings.from(Map.of("OLLAMA_BASE_URL", ollamaUrl, "CHROMA_URL", chromaUrl, "COURSE_CHAT_MODEL", "stub-model"))
                .withPort(0).withDocs(docs).withSystemPrompt(dir.resolve("prompt.txt")).withMaxUploadBytes(UPLOAD_LIMIT);
    }

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("chat-app-test");
        Files.writeString(dir.resolve("prompt.txt"), "You are a test guide. Cite the menu.");
        Files.createDirectories(dir.resolve("no-menus"));
        ollama = new OllamaStub();
        app = ChatApp.start(settings(ollama.url(), "http://127.0.0.1:" + OllamaStub.closedPort(), dir.resolve("no-menus")));
    }

    @AfterAll
    static void stop() {
        app.close();
        ollama.close();
    }

    @BeforeEach
    void replyNormally() {
        ollama.mode = OllamaStub.Mode.REPLY;
    }

    static List<String> names(ChatClient.Reply reply) {
        return reply.events().stream().map(ChatClient.Event::name).toList();
    }

    static ChatClient.Event last(ChatClient.Reply reply) {
        return reply.events().get(reply.events().size() - 1);
    }

    @Test
    void aReplyStreamsInPiecesThenSourcesThenDone() {
        ChatClient browser = new ChatClient(app.url());
        assertEquals(200, browser.upload("hidden.md", MENU.getBytes(StandardCharsets.UTF_8)).status());
        List<String> pieces = new java.util.ArrayList<>();
        ChatClient.Reply events = browser.ask("Where can I eat saffron risotto?", pieces::add);
        List<String> names = names(events);
        int tokens = (int) names.stream().filter("token"::equals).count();
        assertTrue(tokens > 1, "the reply arrives in more than one piece: " + names);
        assertEquals(names.subList(0, tokens), java.util.Collections.nCopies(tokens, "token"), "tokens come first: " + names);
        assertEquals(List.of("sources", "done"), names.subList(tokens, names.size()));
        assertEquals(ollama.reply, events.text());
        assertEquals(ollama.reply, String.join("", pieces), "each piece was handed over as it came");
        assertEquals(tokens, events.chunks());
        ChatClient.Source source = events.sources().get(0);
        assertEquals("Hidden Kitchen", source.menu());
        assertEquals("hidden.md", source.title());
        assertEquals(1, source.page());
        assertEquals("/sources/" + source.id(), source.href());
        assertTrue(source.score() >= Knowledge.MIN_SCORE && source.score() <= 1, String.valueOf(source.score()));
        JsonNode done = last(events).data();
        assertTrue(done.get("outputTokens").asInt() > 0 && done.get("firstTokenMs").asLong() >= 0
                && done.get("totalMs").asLong() >= done.get("firstTokenMs").asLong(), done.toString());
        String sent = ollama.chatBodies().get(ollama.chatBodies().size() - 1);
        assertTrue(sent.contains("You are a test guide.") && sent.contains("[Hidden Kitchen, page 1]") && sent.contains("Saffron risotto"), sent);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrict() {
        ChatClient browser = new ChatClient(app.url());
        var page = browser.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"question\""), "the page is served");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(ChatApp.COOKIE + "=")).findFirst().orElse("");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(browser.get("/").headers().allValues("Set-Cookie").isEmpty(), "a known session gets no new cookie");
    }

    @Test
    void sessionsSeeNeitherEachOthersMessagesNorUploads() {
        ChatClient alice = new ChatClient(app.url());
        ChatClient bob = new ChatClient(app.url());
        assertEquals(200, alice.upload("hidden.md", MENU.getBytes(StandardCharsets.UTF_8)).status());
        String aliceSource = alice.ask("Saffron risotto tonight?").sources().get(0).id();

        ChatClient.Reply bobReply = bob.ask("Saffron risotto tonight?");
        assertEquals("done", last(bobReply).name());
        assertEquals(List.of(), bobReply.sources(), "Bob's question finds nothing of Alice's upload");
        assertTrue(alice.sessionId() != null && !alice.sessionId().equals(bob.sessionId()));
        assertFalse(ollama.chatBodies().get(ollama.chatBodies().size() - 1).contains("Hidden Kitchen"), "nor does his prompt");
        assertEquals(404, bob.get("/sources/" + aliceSource).statusCode());
        assertEquals(200, alice.get("/sources/" + aliceSource).statusCode());

        bob.ask("A second question from Bob");
        JsonNode aliceHistory = alice.history();
        JsonNode bobHistory = bob.history();
        assertEquals(2, aliceHistory.size());
        assertEquals("Saffron risotto tonight?", aliceHistory.get(0).get("text").asText());
        assertEquals(List.of("Saffron risotto tonight?", "A second question from Bob"),
                List.of(bobHistory.get(0).get("text").asText(), bobHistory.get(2).get("text").asText()));
        assertEquals("assistant", bobHistory.get(1).get("role").asText());
    }

    @Test
    void theMemoryCarriesEarlierQuestionsOfTheSameSessionOnly() {
        ChatClient alice = new ChatClient(app.url());
        ChatClient bob = new ChatClient(app.url());
        alice.ask("Alice wants dumplings with chives");
        alice.ask("And what about dessert?");
        String second = ollama.chatBodies().get(ollama.chatBodies().size() - 1);
        assertTrue(second.contains("Alice wants dumplings with chives"), "the follow-up carries the first question: " + second);
        bob.ask("Bob asks about soup");
        String bobs = ollama.chatBodies().get(ollama.chatBodies().size() - 1);
        assertFalse(bobs.contains("Alice wants dumplings"), bobs);
    }

    @Test
    void resetForgetsTheConversationAndTheUploads() {
        ChatClient browser = new ChatClient(app.url());
        browser.upload("hidden.md", MENU.getBytes(StandardCharsets.UTF_8));
        String source = browser.ask("Saffron risotto?").sources().get(0).href();
        assertTrue(browser.post("/api/reset", "application/json", "").body().contains("\"reset\":true"));
        assertEquals(0, browser.history().size());
        assertEquals(404, browser.get(source).statusCode());
    }

    @Test
    void uploadingAFileAgainReplacesItsPassages() {
        ChatClient browser = new ChatClient(app.url());
        browser.upload("hidden.md", MENU.getBytes(StandardCharsets.UTF_8));
        browser.upload("hidden.md", MENU.replace("14 euros", "15 euros").getBytes(StandardCharsets.UTF_8));
        List<ChatClient.Source> sources = browser.ask("Saffron risotto with peas?").sources();
        assertEquals(1, sources.size(), "one version of the file: " + sources);
        assertTrue(browser.get(sources.get(0).href()).body().contains("15 euros"));
    }

    @Test
    void uploadsThatCannotBeUsedGetOneSentence() throws IOException {
        ChatClient browser = new ChatClient(app.url());
        var docx = browser.upload("menu.docx", new byte[] {'P', 'K', 3, 4, 20, 0});
        assertEquals(400, docx.status());
        assertEquals("'menu.docx' is not a PDF or a Markdown file: upload a .pdf with a text layer or a .md file.", docx.error());

        var scan = browser.upload("scan.pdf", imageOnlyPdf());
        assertEquals(400, scan.status());
        assertTrue(scan.error().startsWith("'scan.pdf' has no text layer"), scan.toString());

        var big = browser.upload("long.md", "a".repeat((int) UPLOAD_LIMIT + 1).getBytes(StandardCharsets.UTF_8));
        assertEquals(413, big.status());
        assertTrue(big.error().startsWith("'long.md' is 65 KB, over the limit of 64 KB"), big.toString());

        var huge = browser.upload("huge.md", new byte[(int) (UPLOAD_LIMIT + 2 * DocumentFiles.MB)]);
        assertEquals(413, huge.status(), huge.toString());
        assertTrue(huge.error().startsWith("The file is over the limit"), huge.toString());

        var named = browser.upload("../../etc/notes.md", "# Notes\n\nplain".getBytes(StandardCharsets.UTF_8));
        assertEquals("notes.md", named.name(), "a path in the file name is dropped");
        assertEquals("markdown", named.kind());
        assertEquals(1, named.segments());

        assertEquals(200, browser.get("/api/health").statusCode(), "the server keeps serving");
    }

    static byte[] imageOnlyPdf() throws IOException {
        try (PDDocument doc = new PDDocument(); var out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (var content = new PDPageContentStream(doc, page)) {
                content.addRect(50, 50, 300, 300);
                content.fill();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void theSourcePageShowsMarkupAsText() {
        ChatClient browser = new ChatClient(app.url());
        String tagged = "# Menu <b>bold</b>\n\nSoup <script>alert('x')</script> of the day, 6 euros & a roll.\n";
        browser.upload("tagged.md", tagged.getBytes(StandardCharsets.UTF_8));
        String href = browser.ask("Soup of the day?").sources().get(0).href();
        var page = browser.get(href);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse(page.body().contains("<script>alert") || page.body().contains("<b>bold"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") && page.body().contains("&lt;b&gt;bold&lt;/b&gt;")
                && page.body().contains("&amp; a roll"), page.body());
        var missing = browser.get("/sources/%3Cimg%20src%3Dx%3E");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains("<img"), missing.body());
    }

    @Test
    void aMissingModelIsOneSentenceAndTheChatGoesOn() {
        ChatClient browser = new ChatClient(app.url());
        assertEquals("done", last(browser.ask("First question")).name());
        ollama.mode = OllamaStub.Mode.MODEL_MISSING;
        ChatClient.Reply failed = browser.ask("Second question");
        assertEquals(List.of("error"), names(failed));
        assertEquals("Ollama at " + ollama.url() + " has no model 'stub-model': run 'make models', or choose an installed model"
                + " ('make status' lists them).", failed.error());
        assertEquals(null, failed.done());
        assertEquals(2, browser.history().size(), "the earlier exchange is kept");
        ollama.mode = OllamaStub.Mode.REPLY;
        assertEquals("done", last(browser.ask("Third question")).name(), "the next question is answered");
        assertEquals(4, browser.history().size());
    }

    @Test
    void aStreamThatFailsHalfWayEndsWithAnError() {
        ollama.mode = OllamaStub.Mode.ERROR_MID_STREAM;
        ChatClient.Reply reply = new ChatClient(app.url()).ask("Anything");
        assertEquals("error", last(reply).name(), names(reply).toString());
        assertEquals("Half an answer", reply.text(), "the pieces before the failure arrived");
        assertTrue(reply.error().contains("stopped the reply from 'stub-model' half-way (the runner crashed)"), reply.error());
    }

    @Test
    void badRequestsGetAnErrorEvent() {
        ChatClient browser = new ChatClient(app.url());
        assertEquals("The question is empty: type a question, then press Send.", browser.ask("   ").error());
        assertTrue(browser.ask("x".repeat(ChatService.MAX_QUESTION_CHARS + 1)).error().startsWith("The question has 2001 characters"));
        var notJson = browser.post("/api/chat", "application/x-www-form-urlencoded", "message=hi");
        assertTrue(notJson.body().contains("event: error") && notJson.body().contains("is not JSON"), notJson.body());
    }

    @Test
    void stoppedServicesAreOneSentenceAndTheAppStillStarts() throws IOException {
        Path menus = Files.createDirectories(dir.resolve("menus"));
        Files.writeString(menus.resolve("hidden.md"), MENU);
        String closedOllama = "http://127.0.0.1:" + OllamaStub.closedPort();
        String closedChroma = "http://127.0.0.1:" + OllamaStub.closedPort();
        try (ChatApp down = ChatApp.start(settings(closedOllama, closedChroma, menus))) {
            ChatClient browser = new ChatClient(down.url());
            ChatClient.Reply reply = browser.ask("Saffron risotto?");
            assertEquals(List.of("error"), names(reply));
            assertEquals("Chroma is not running at " + closedChroma + " (connection refused): start the course services with"
                    + " 'make up' (see 'make status' for logs), or set CHROMA_URL to a running server.", reply.error());
            JsonNode health = browser.health();
            assertFalse(health.get("ok").asBoolean());
            assertTrue(health.get("ollama").asText().startsWith("Ollama is not running at " + closedOllama), health.toString());
            assertEquals(List.of("Hidden Kitchen"), List.of(health.get("menus").get(0).asText()));
        }
        try (ChatApp noOllama = ChatApp.start(settings(closedOllama, closedChroma, dir.resolve("no-menus")))) {
            ChatClient.Reply reply = new ChatClient(noOllama.url()).ask("Anything tonight?");
            assertEquals(List.of("error"), names(reply));
            assertEquals("Ollama stopped answering at " + closedOllama + " (connection refused): run 'make up', then send your"
                    + " question again.", reply.error());
        }
    }

    @Test
    void aPortInUseIsOneSentence() {
        int port = Integer.parseInt(app.url().replaceAll(".*:(\\d+)/$", "$1"));
        ChatSettings same = settings(ollama.url(), "http://127.0.0.1:" + OllamaStub.closedPort(), dir.resolve("no-menus")).withPort(port);
        CourseError e = org.junit.jupiter.api.Assertions.assertThrows(CourseError.class, () -> ChatApp.start(same));
        assertTrue(e.getMessage().startsWith("The chat app could not listen on 127.0.0.1:" + port + " ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("or choose another with CHAT_PORT (0 picks a free one)."), e.getMessage());
        assertEquals(200, new ChatClient(app.url()).get("/api/health").statusCode(), "the first app still serves");
    }

    @Test
    void closeIsIdempotent() {
        ChatApp extra = ChatApp.start(settings(ollama.url(), "http://127.0.0.1:" + OllamaStub.closedPort(), dir.resolve("no-menus")));
        assertTrue(extra.url().matches("http://127\\.0\\.0\\.1:\\d+/"), extra.url());
        extra.close();
        extra.close();
        CourseError gone = org.junit.jupiter.api.Assertions.assertThrows(CourseError.class, () -> new ChatClient(extra.url()).ask("Hello?"));
        assertTrue(gone.getMessage().startsWith("The chat app does not answer at " + extra.url().replaceAll("/$", "")), gone.getMessage());
    }
}
