package genai.stack;

import genai.CourseError;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.http.HttpStub;

class StackHealthTest {

    private static final String TAGS = """
            {"models":[{"name":"smollm2-135m-instruct:latest","size":1},{"name":"gemma3-270m-base:latest","size":2}]}""";

    private static StackHealth healthFor(String ollama, String chroma) {
        return new StackHealth(CourseConfig.from(Map.of("OLLAMA_BASE_URL", ollama, "CHROMA_URL", chroma)));
    }

    private static HttpStub ollamaStub(String tags) {
        return new HttpStub(Map.of(
                "/api/version", new HttpStub.Reply(200, "{\"version\":\"0.24.0\"}"),
                "/api/tags", new HttpStub.Reply(200, tags)));
    }

    @Test
    void readsVersionAndModelsFromOllama() {
        try (HttpStub stub = ollamaStub(TAGS)) {
            StackHealth.OllamaStatus status = healthFor(stub.url(), stub.url()).ollama();
            assertEquals("0.24.0", status.version());
            assertEquals(List.of("smollm2-135m-instruct:latest", "gemma3-270m-base:latest"), status.models());
            assertEquals(List.of("GET /api/version", "GET /api/tags"), stub.requests);
        }
    }

    @Test
    void aModelNameWithoutTagMeansLatest() {
        List<String> installed = List.of("smollm2-135m-instruct:latest", "llama3.2:3b");
        assertTrue(StackHealth.hasModel(installed, "smollm2-135m-instruct"));
        assertTrue(StackHealth.hasModel(installed, "llama3.2:3b"));
        assertFalse(StackHealth.hasModel(installed, "llama3.2"), "llama3.2 means llama3.2:latest, which is not installed");
        assertFalse(StackHealth.hasModel(installed, "smollm2"));
    }

    @Test
    void theChromadbVersionComesFromTheCourseVenvOnlyWhenTheCourseStartedChroma(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        var root = dir.resolve("course");
        var run = dir.resolve("run");
        java.nio.file.Files.createDirectories(root.resolve(".venv/lib/python3.11/site-packages/chromadb-1.5.9.dist-info"));
        java.nio.file.Files.createDirectories(root.resolve(".venv/lib/python3.11/site-packages/chromadb_rust-0.1.dist-info"));
        java.nio.file.Files.createDirectories(run);
        assertEquals(java.util.Optional.empty(), StackHealth.courseChromadbVersion(root, run), "no chroma.pid: not the course's server");
        java.nio.file.Files.writeString(run.resolve("chroma.pid"), "123\n");
        assertEquals(java.util.Optional.of("1.5.9"), StackHealth.courseChromadbVersion(root, run));
        java.nio.file.Files.writeString(run.resolve("chroma.external"), "http://127.0.0.1:8000\n");
        assertEquals(java.util.Optional.empty(), StackHealth.courseChromadbVersion(root, run), "make up found another Chroma running");
        assertEquals(java.util.Optional.empty(), StackHealth.courseChromadbVersion(dir.resolve("nowhere"), dir.resolve("none")));
    }

    @Test
    void aMissingModelNamesTheInstalledOnesAndTheFix() {
        try (HttpStub stub = ollamaStub(TAGS)) {
            CourseError e = assertThrows(CourseError.class,
                    () -> healthFor(stub.url(), stub.url()).requireModel("llama3.2:3b", "COURSE_CHAT_MODEL"));
            assertEquals("Ollama at " + stub.url() + " has no model 'llama3.2:3b' (installed: smollm2-135m-instruct:latest,"
                    + " gemma3-270m-base:latest): run 'make models' to install the course models, or set COURSE_CHAT_MODEL"
                    + " to an installed one.", e.getMessage());
        }
    }

    @Test
    void anEmptyOllamaSaysNone() {
        try (HttpStub stub = ollamaStub("{\"models\":[]}")) {
            CourseError e = assertThrows(CourseError.class,
                    () -> healthFor(stub.url(), stub.url()).requireModel("gemma3-270m-base", "COURSE_BASE_MODEL"));
            assertTrue(e.getMessage().contains("(installed: none)"), e.getMessage());
        }
    }

    @Test
    void ollamaDownIsOneSentenceWithTheCommand() {
        String url = "http://127.0.0.1:" + HttpStub.closedPort();
        CourseError e = assertThrows(CourseError.class, () -> healthFor(url, url).ollama());
        assertEquals("Ollama is not running at " + url + " (connection refused): start the course services with 'make up'"
                + " (see 'make status' for logs), or set OLLAMA_BASE_URL to a running server.", e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void chromaDownIsOneSentenceWithTheCommand() {
        String url = "http://127.0.0.1:" + HttpStub.closedPort();
        CourseError e = assertThrows(CourseError.class, () -> healthFor(url, url).chroma());
        assertTrue(e.getMessage().startsWith("Chroma is not running at " + url + " (connection refused): start the course"
                + " services with 'make up'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("or set CHROMA_URL to a running server."), e.getMessage());
    }

    @Test
    void anotherServerOnThePortIsNamedAsNotOllama() {
        try (HttpStub stub = new HttpStub(Map.of())) {
            CourseError e = assertThrows(CourseError.class, () -> healthFor(stub.url(), stub.url()).ollama());
            assertEquals("The server at " + stub.url() + " answered HTTP 404 to /api/version, so it is not a working Ollama:"
                    + " point OLLAMA_BASE_URL at Ollama, or unset it and run 'make up'.",
                    e.getMessage());
        }
    }

    @Test
    void htmlInsteadOfJsonIsNamedAsNotChroma() {
        try (HttpStub stub = new HttpStub(Map.of(
                "/api/v2/heartbeat", new HttpStub.Reply(200, "<html>hello</html>")))) {
            CourseError e = assertThrows(CourseError.class, () -> healthFor(stub.url(), stub.url()).chroma());
            assertTrue(e.getMessage().contains("with something that is not JSON, so it is not Chroma"), e.getMessage());
        }
    }

    @Test
    void readsChromaHeartbeatAndVersionFromApiV2() {
        try (HttpStub stub = new HttpStub(Map.of(
                "/api/v2/heartbeat", new HttpStub.Reply(200, "{\"nanosecond heartbeat\": 1732312345000000000}"),
                "/api/v2/version", new HttpStub.Reply(200, "\"1.0.21\"")))) {
            StackHealth.ChromaStatus status = healthFor(stub.url(), stub.url()).chroma();
            assertEquals("1.0.21", status.version());
            assertEquals(1732312345000000000L, status.heartbeatNanos());
            assertEquals(List.of("GET /api/v2/heartbeat", "GET /api/v2/version"), stub.requests);
        }
    }

    @Test
    void aChromaWithoutApiV2IsNamed() {
        try (HttpStub stub = new HttpStub(Map.of(
                "/api/v2/heartbeat", new HttpStub.Reply(200, "{\"status\":\"ok\"}"),
                "/api/v2/version", new HttpStub.Reply(200, "\"0.4.24\"")))) {
            CourseError e = assertThrows(CourseError.class, () -> healthFor(stub.url(), stub.url()).chroma());
            assertTrue(e.getMessage().contains("is not Chroma 1.x"), e.getMessage());
        }
    }
}
