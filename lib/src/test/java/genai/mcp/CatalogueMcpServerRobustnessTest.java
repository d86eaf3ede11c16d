package genai.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import genai.http.JsonClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The server as a client's child process sees it: raw JSON-RPC lines on its standard input. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CatalogueMcpServerRobustnessTest {

    private Process server;

    @AfterEach
    void stop() {
        if (server != null) server.destroyForcibly();
    }

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
            + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private static void send(OutputStream in, String line) throws Exception {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Reads lines until one is a response with this id (or any id when {@code id} is null and it is an error). */
    private static JsonNode response(BufferedReader out, Object id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            assertNotNull(line, "the server closed its output before answering id " + id);
            JsonNode node = JsonClient.json().readTree(line);
            if (id == null ? node.has("error") && node.get("id").isNull() : node.path("id").asText().equals(String.valueOf(id))) return node;
        }
        return fail("no answer for id " + id);
    }

    @Test
    void aLineThatIsNotJsonGetsAParseErrorAndTheServerKeepsServingThenEndsAtEof() throws Exception {
        server = new ProcessBuilder(McpServers.catalogueCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = server.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        send(in, INIT);
        assertTrue(response(out, 1).has("result"));
        send(in, INITIALIZED);

        send(in, "this is not json");
        JsonNode parseError = response(out, null);
        assertEquals(-32700, parseError.get("error").get("code").asInt(), parseError.toString());

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
        JsonNode list = response(out, 2);
        assertEquals(2, list.get("result").get("tools").size(), list.toString());

        send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_stock\",\"arguments\":{\"product_id\":\"P03\"}}}");
        assertTrue(response(out, 3).toString().contains("\\\"units\\\":7"));

        in.close();
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server outlived its closed input");
        assertEquals(0, server.exitValue());
    }

    @Test
    void jsonThatIsNotAJsonRpcMessageGetsAnInvalidRequestErrorAndEofStillEndsTheServer() throws Exception {
        server = new ProcessBuilder(McpServers.catalogueCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        OutputStream in = server.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        send(in, INIT);
        assertTrue(response(out, 1).has("result"));
        send(in, "[1, 2");
        assertEquals(-32700, response(out, null).get("error").get("code").asInt());
        send(in, "{\"hello\":\"world\"}");
        assertEquals(-32600, response(out, null).get("error").get("code").asInt());
        in.close();
        assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the server outlived its closed input");
    }

    @Test
    void askingForTheCommandAgainReplacesTheServerAnEarlierRunOfTheCellStarted() throws Exception {
        server = new ProcessBuilder(McpServers.catalogueCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(1, McpServers.running().size());
        Process second = new ProcessBuilder(McpServers.catalogueCommand()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the first server still runs");
            assertEquals(1, McpServers.running().size());
        } finally {
            second.destroyForcibly();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
