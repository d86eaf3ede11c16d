package genai.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

class ChunksTest {

    @Test
    void idIsLesson04sNameBasedUuid() {
        var c = Bm25IndexTest.chunk("make-01", 2, "The induction costs £5.");
        String expected = UUID.nameUUIDFromBytes("make-01#2#The induction costs £5.".getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(expected, Chunks.id(c));
        assertNotEquals(Chunks.id(c), Chunks.id(Bm25IndexTest.chunk("make-01", 2, "The induction costs £6.")));
    }

    @Test
    void idNeedsDocIdAndIndex() {
        var e = assertThrows(IllegalArgumentException.class, () -> Chunks.id(TextSegment.from("no metadata")));
        assertTrue(e.getMessage().contains("'doc_id' and 'index'"), e.getMessage());
    }
}
