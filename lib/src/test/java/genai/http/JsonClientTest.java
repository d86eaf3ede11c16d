package genai.http;

import genai.CourseError;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.stack.CourseConfig;

class JsonClientTest {

    private static JsonClient restFor(String url) {
        return new JsonClient(url, Duration.ofSeconds(5), CourseConfig.from(Map.of("OLLAMA_BASE_URL", url)));
    }

    @Test
    void postsJsonAndReadsJson() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, "{\"echo\":" + body + "}"))) {
            JsonNode reply = restFor(stub.url()).post("/api/generate", Map.of("model", "m", "stream", false));
            assertEquals("m", reply.at("/echo/model").asText());
            assertEquals(false, reply.at("/echo/stream").asBoolean());
        }
    }

    @Test
    void everyErrorStatusIsASentenceWithTheServersReason() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 400, "{\"error\":\"invalid options\"}"))) {
            JsonClient rest = restFor(stub.url());
            CourseError e = assertThrows(CourseError.class, () -> rest.post("/api/generate", Map.of()));
            assertEquals("Ollama at " + stub.url() + " answered HTTP 400 to /api/generate: invalid options.", e.getMessage());
            assertEquals(1, rest.calls());
        }
    }

    @Test
    void anEmptyBodyIsAMissingNodeNotAnError() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, ""))) {
            assertTrue(restFor(stub.url()).delete("/api/v2/x").isMissingNode());
        }
    }

    @Test
    void aDeleteCanCarryAJsonBody() {
        List<String> methods = new ArrayList<>();
        try (RawStub stub = new RawStub((ex, body) -> {
            methods.add(ex.getRequestMethod());
            RawStub.json(ex, 200, "");
        })) {
            assertTrue(restFor(stub.url()).delete("/api/delete", Map.of("model", "course-pirate")).isMissingNode());
            assertEquals(List.of("DELETE"), methods);
            assertEquals(List.of("{\"model\":\"course-pirate\"}"), stub.bodies);
        }
    }

    @Test
    void aBodyThatIsNotJsonNamesTheServer() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200, "<html>hello</html>"))) {
            CourseError e = assertThrows(CourseError.class, () -> restFor(stub.url()).get("/api/tags"));
            assertTrue(e.getMessage().startsWith("Ollama at " + stub.url() + " answered /api/tags with something that is not JSON"),
                    e.getMessage());
        }
    }

    @Test
    void aStoppedServerIsOneSentence() {
        String url = "http://127.0.0.1:" + HttpStub.closedPort();
        CourseError e = assertThrows(CourseError.class, () -> restFor(url).get("/api/tags"));
        assertEquals("Ollama stopped answering at " + url + " (connection refused): run 'make up', then run this cell again.",
                e.getMessage());
    }

    @Test
    void streamsLinesInOrder() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.ndjson(ex, 0,
                "{\"response\":\"Hel\"}", "{\"response\":\"lo\"}", "{\"response\":\"\",\"done\":true}"))) {
            List<String> pieces = new ArrayList<>();
            int lines = restFor(stub.url()).stream("/api/generate", Map.of(), line -> pieces.add(line.get("response").asText()));
            assertEquals(3, lines);
            assertEquals(List.of("Hel", "lo", ""), pieces);
        }
    }

    @Test
    void anErrorLineAfterTheHeaderEndsTheStreamWithTheReason() {
        // Ollama's way of failing after it has sent 200: a last line {"error": ...} (langchain4j#5107).
        try (RawStub stub = new RawStub((ex, body) -> RawStub.ndjson(ex, 0,
                "{\"response\":\"Hel\"}", "{\"error\":\"model runner has unexpectedly stopped\"}"))) {
            List<String> pieces = new ArrayList<>();
            CourseError e = assertThrows(CourseError.class,
                    () -> restFor(stub.url()).stream("/api/generate", Map.of(), line -> pieces.add(line.get("response").asText())));
            assertEquals(List.of("Hel"), pieces);
            assertEquals("Ollama at " + stub.url() + " answered HTTP 200 to /api/generate: model runner has unexpectedly stopped.",
                    e.getMessage());
        }
    }

    @Test
    void aPathMustStartWithASlash() {
        assertThrows(IllegalArgumentException.class, () -> restFor("http://127.0.0.1:1").get("api/tags"));
    }
}
