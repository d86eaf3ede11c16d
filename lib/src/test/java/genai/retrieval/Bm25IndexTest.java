package genai.retrieval;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class Bm25IndexTest {

    static TextSegment chunk(String docId, int index, String text) {
        return TextSegment.from(text, Metadata.from(Map.of("doc_id", docId, "index", index)));
    }

    static final List<TextSegment> CHUNKS = List.of(
            chunk("fees", 0, "Overdue fees: a DVD returned late costs 50p per day. Fees for books are 20p per day."),
            chunk("cards", 0, "A lost membership card is replaced at the desk for a fee of two pounds."),
            chunk("rooms", 0, "The Bramble Room seats forty people and can be booked by members for events and meetings in the evening."),
            chunk("laser", 0, "The laser cutter needs an induction first. The laser cuts wood, acrylic and card up to six millimetres thick."));

    @Test
    void findsByStemmedKeywordsAndRanksByBm25() {
        try (var index = Bm25Index.of(CHUNKS)) {
            var hits = index.search("How much is the fee for a late DVD?", 4);
            assertEquals("fees", hits.get(0).segment().metadata().getString("doc_id"));
            assertEquals(Chunks.id(CHUNKS.get(0)), hits.get(0).id());
            for (int i = 1; i < hits.size(); i++) assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            assertEquals(List.of("how", "much", "fee", "late", "dvd"), index.analyze("How much is the fee for a late DVD?"));
        }
    }

    @Test
    void theFormulaByHandGivesLucenesScore() {
        try (var index = Bm25Index.of(CHUNKS)) {
            String question = "laser cutter fee";
            for (TextSegment c : CHUNKS) {
                String id = Chunks.id(c);
                double byHand = 0;
                for (String term : index.analyze(question)) {
                    var t = index.termStats(term, id);
                    double idf = Math.log(1 + (t.documents() - t.documentFreq() + 0.5) / (t.documentFreq() + 0.5));
                    double norm = Bm25Index.K1 * (1 - Bm25Index.B + Bm25Index.B * t.encodedLength() / t.averageLength());
                    byHand += t.documentFreq() == 0 ? 0 : idf * t.termFreq() / (t.termFreq() + norm);
                }
                assertEquals(index.score(question, id), byHand, 1e-4 * Math.max(1, byHand), c.text());
            }
            var laser = index.termStats("laser", Chunks.id(CHUNKS.get(3)));
            assertEquals(4, laser.documents());
            assertEquals(1, laser.documentFreq());
            assertEquals(2, laser.termFreq());
            assertEquals(index.analyze(CHUNKS.get(3).text()).size(), laser.length());
        }
    }

    @Test
    void plainWordsNeverBreakTheQueryParser() {
        try (var index = Bm25Index.of(CHUNKS)) {
            assertDoesNotThrow(() -> index.search("fee: £2? (card) AND/OR \"lost\" [x] ~ * !", 3));
            assertTrue(index.search("the and of is", 3).isEmpty(), "stop words alone match nothing");
            assertThrows(IllegalArgumentException.class, () -> index.search("  ", 3));
            assertThrows(IllegalArgumentException.class, () -> index.search("fee", 0));
        }
    }

    @Test
    void actsAsALangChain4jRetriever() {
        try (var index = Bm25Index.of(CHUNKS)) {
            var contents = index.retriever(2).retrieve(Query.from("book the Bramble Room for an evening meeting"));
            assertEquals(2, contents.size(), "'book' also matches 'books' in the fees chunk");
            assertEquals("rooms", Chunks.docId(contents.get(0)));
            assertTrue((Double) contents.get(0).metadata().get(ContentMetadata.SCORE) > 0);
        }
    }

    @Test
    void refusesDuplicateIdsAndNoSegments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bm25Index.of(List.of(CHUNKS.get(0), CHUNKS.get(0))));
        assertTrue(e.getMessage().startsWith("two segments have the id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bm25Index.of(List.of()));
        try (var index = Bm25Index.of(CHUNKS)) {
            assertThrows(IllegalArgumentException.class, () -> index.termStats("fee", "no-such-id"));
        }
    }
}
