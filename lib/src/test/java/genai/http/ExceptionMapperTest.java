package genai.http;

import genai.CourseError;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import genai.stack.CourseConfig;

class ExceptionMapperTest {

    private static final ExceptionMapper ERRORS = new ExceptionMapper(CourseConfig.from(Map.of(
            "OLLAMA_BASE_URL", "http://127.0.0.1:11434", "CHROMA_URL", "http://127.0.0.1:8000")));

    @Test
    void aRefusedConnectionToOllamaFromTheRealHttpClientIsOneSentence() throws Exception {
        // A closed port gives the HttpClient's real exception chain, not one built by hand.
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var errors = new ExceptionMapper(CourseConfig.from(Map.of("OLLAMA_BASE_URL", "http://127.0.0.1:" + closedPort)));
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/api/chat");
        Exception thrown = null;
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            thrown = e;
        }
        RuntimeException e = errors.explain(uri, thrown);
        assertInstanceOf(CourseError.class, e);
        assertEquals("Ollama stopped answering at http://127.0.0.1:" + closedPort + " (connection refused): run 'make up',"
                + " then run this cell again.", e.getMessage());
    }

    @Test
    void chromaIsNamedByItsUrl() {
        RuntimeException e = ERRORS.explain(URI.create("http://127.0.0.1:8000/api/v2/heartbeat"),
                new IOException("wrapped", new ConnectException()));
        assertEquals("Chroma stopped answering at http://127.0.0.1:8000 (connection refused): run 'make up', then run this"
                + " cell again.", e.getMessage());
    }

    @Test
    void timeoutsSayWhatToDo() {
        URI uri = URI.create("http://127.0.0.1:11434/api/generate");
        assertEquals("Ollama at http://127.0.0.1:11434 did not answer /api/generate within 5 minutes: ask for less (fewer tokens,"
                + " a smaller batch), or restart it with 'make down && make up' if it is stuck.",
                ERRORS.explain(uri, new HttpTimeoutException("request timed out")).getMessage());
        assertEquals("Ollama did not accept a connection at http://127.0.0.1:11434: check it with 'make status', start it"
                + " with 'make up', then run this cell again.",
                ERRORS.explain(uri, new HttpConnectTimeoutException("connect timed out")).getMessage());
    }

    @Test
    void otherNetworkErrorsKeepTheirName() {
        RuntimeException e = ERRORS.explain(URI.create("http://127.0.0.1:11434/api/chat"), new IOException("stream closed"));
        assertEquals("Ollama could not be reached at http://127.0.0.1:11434 (IOException: stream closed): check it with"
                + " 'make status', then run this cell again.", e.getMessage());
    }

    @Test
    void aBugIsNotDisguisedAsAServiceProblem() {
        var bug = new NullPointerException("prompt_eval_count");
        assertSame(bug, ERRORS.explain(URI.create("http://127.0.0.1:11434/api/chat"), bug));
        var checked = new Exception("checked");
        assertSame(checked, ERRORS.explain(URI.create("http://127.0.0.1:11434/api/chat"), checked).getCause());
    }

    @Test
    void aMissingModelPointsAtMakeModels() {
        CourseError e = ERRORS.httpError(URI.create("http://127.0.0.1:11434/api/chat"), 404,
                "{\"error\":\"model 'llama3.2:3b' not found\"}");
        assertEquals("Ollama at http://127.0.0.1:11434 says: model 'llama3.2:3b' not found. Run 'make models', or use a"
                + " model 'make status' lists.", e.getMessage());
    }

    @Test
    void otherStatusesQuoteTheServer() {
        CourseError e = ERRORS.httpError(URI.create("http://127.0.0.1:11434/api/generate"), 400,
                "{\"error\":\"invalid options: num_ctx must be positive\"}");
        assertEquals("Ollama at http://127.0.0.1:11434 answered HTTP 400 to /api/generate: invalid options: num_ctx must be"
                + " positive.", e.getMessage());
        assertEquals("The server at http://example.org answered HTTP 500 to /x: (no message).",
                ERRORS.httpError(URI.create("http://example.org/x"), 500, "").getMessage());
    }

    @Test
    void chromaErrorsKeepTheirReasonBesideTheKind() {
        // Chroma 1.x's error body: the kind alone ("InvalidArgumentError") tells the learner nothing.
        CourseError e = ERRORS.httpError(URI.create("http://127.0.0.1:8000/api/v2/tenants/t/databases/d/collections/c/get"), 400,
                "{\"error\":\"InvalidArgumentError\",\"message\":\"Invalid where clause\"}");
        assertEquals("Chroma at http://127.0.0.1:8000 answered HTTP 400 to /api/v2/tenants/t/databases/d/collections/c/get:"
                + " InvalidArgumentError: Invalid where clause.", e.getMessage());
    }

    @Test
    void aSentenceAlreadyMadeIsPassedOnUnchanged() {
        CourseError inner = new CourseError("Ollama stopped answering.");
        assertSame(inner, ERRORS.explain(URI.create("http://127.0.0.1:11434/api/chat"), new RuntimeException(inner)));
        assertSame(inner, ExceptionMapper.fromModel(new RuntimeException(inner), "http://127.0.0.1:11434", "m"));
    }

    @Test
    void aStreamEndedByAnErrorLineIsOneSentence() {
        // OllamaTransport turns Ollama's {"error": ...} line after a 200 header into HttpException(200, line).
        RuntimeException e = ExceptionMapper.fromModel(new dev.langchain4j.exception.HttpException(200, "{\"error\":\"model runner has unexpectedly stopped\"}"),
                "http://127.0.0.1:11434", "m");
        assertInstanceOf(CourseError.class, e);
        assertEquals("Ollama at http://127.0.0.1:11434 stopped the reply from 'm' half-way (model runner has unexpectedly stopped):"
                + " check its log ('make status' says where), then run this cell again.", e.getMessage());
    }
}
