package genai.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RetrievalEvalTest {

    @Test
    void ranksOneThreeAndMissGiveKnownRates() {
        var ranked = List.of(List.of("a", "b"), List.of("x", "y", "a"), List.of("x", "y", "z", "w", "v", "a"));
        var e = RetrievalEval.of("toy", ranked, List.of("a", "a", "a"), new double[] {1, 2, 3});
        assertEquals(1.0 / 3, e.hit1().mean(), 1e-12);
        assertEquals(2.0 / 3, e.hit3().mean(), 1e-12);
        assertEquals(2.0 / 3, e.hit5().mean(), 1e-12, "rank 6 is outside the top 5");
        assertEquals((1 + 1.0 / 3) / 3, e.mrr5().mean(), 1e-12);
        assertEquals(2.0, e.p50Ms(), 1e-12);
        assertEquals(2.9, e.p95Ms(), 1e-12);
        var table = RetrievalEval.table("t", List.of(e));
        assertEquals(1, table.rowCount());
        assertEquals("0.33 [0.00–1.00]", table.stringColumn("hit rate@1 [95% CI]").get(0));
    }

    @Test
    void refusesListsThatDoNotLineUp() {
        assertThrows(IllegalArgumentException.class, () -> RetrievalEval.of("x", List.of(List.of("a")), List.of("a", "b"), new double[] {1}));
    }
}
