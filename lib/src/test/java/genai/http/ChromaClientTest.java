package genai.http;

import genai.CourseError;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.stack.CourseConfig;

class ChromaClientTest {

    @Test
    void namesChromaRefusesAreStoppedBeforeAnyRequest() {
        for (String bad : List.of("ab", "My Catalogue", "über-katalog", "shop..items", "192.168.1.1", "-lead", "trail_")) {
            CourseError e = assertThrows(CourseError.class, () -> ChromaClient.requireValidName(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' cannot be a Chroma collection name ("), e.getMessage());
            String suggestion = e.getMessage().replaceAll("(?s).*e\\.g\\. '(.*)'\\.$", "$1");
            assertEquals(suggestion, ChromaClient.requireValidName(suggestion), "the suggested name is valid");
        }
        for (String good : List.of("handbook", "handbook-200", "lesson08.poisoned", "a_b", "x".repeat(512))) {
            assertEquals(good, ChromaClient.requireValidName(good));
        }
    }

    @Test
    void emptyLookupsAndDeletesSendNothing() {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 500, "{\"error\":\"should not be called\"}"))) {
            var rest = new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("CHROMA_URL", stub.url())));
            var collections = new ChromaClient(rest);
            assertEquals(Set.of(), collections.idsWhereIn("handbook", "doc_id", List.of()));
            assertEquals(0, collections.delete("handbook", List.of()));
            assertEquals(0, rest.calls());
        }
    }

    @Test
    void aLookupAsksForIdsOnlyWithAnInFilter() throws Exception {
        try (RawStub stub = new RawStub((ex, body) -> RawStub.json(ex, 200,
                ex.getRequestURI().getPath().endsWith("/get") ? "{\"ids\":[\"a\",\"b\"]}" : "{\"id\":\"c-1\",\"name\":\"handbook\"}"))) {
            var rest = new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("CHROMA_URL", stub.url())));
            assertEquals(Set.of("a", "b"), new ChromaClient(rest).idsWhereIn("handbook", "doc_id", List.of("mem-01", "mem-02")));
            assertEquals(JsonClient.json().readTree("{\"where\":{\"doc_id\":{\"$in\":[\"mem-01\",\"mem-02\"]}},\"include\":[]}"),
                    JsonClient.json().readTree(stub.bodies.get(1)));
        }
    }
}
