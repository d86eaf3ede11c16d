package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrievalTest {

    private static final double EPS = 1e-12;

    // Four queries, best first.
    //   q0: [d3, d1, d7]      relevant d1 -> rank 2
    //   q1: [d2, d5, d9]      relevant d2 -> rank 1
    //   q2: [d4, d6, d8]      relevant d0 -> absent
    //   q3: [d5, d6, d7, d1]  relevant d1 -> rank 4
    private static final List<List<String>> RETRIEVED = List.of(
            List.of("d3", "d1", "d7"),
            List.of("d2", "d5", "d9"),
            List.of("d4", "d6", "d8"),
            List.of("d5", "d6", "d7", "d1"));
    private static final List<String> RELEVANT = List.of("d1", "d2", "d0", "d1");

    @Test
    void hitRateAtKByHand() {
        // hits within k: k=1 {q1}; k=2 {q0,q1}; k=3 {q0,q1}; k=4 {q0,q1,q3}; k=10 same as k=4
        assertEquals(1.0 / 4, Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 1), EPS);
        assertEquals(2.0 / 4, Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 2), EPS);
        assertEquals(2.0 / 4, Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 3), EPS);
        assertEquals(3.0 / 4, Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 4), EPS);
        assertEquals(3.0 / 4, Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 10), EPS, "k past the end reads the whole list");
    }

    @Test
    void mrrByHand() {
        // MRR   = (1/2 + 1/1 + 0 + 1/4) / 4 = 1.75 / 4 = 0.4375
        // MRR@2 = (1/2 + 1/1 + 0 + 0)   / 4 = 1.5 / 4  = 0.375   (q3's rank 4 is cut)
        assertEquals(0.4375, Retrieval.mrr(RETRIEVED, RELEVANT), EPS);
        assertEquals(0.375, Retrieval.mrrAtK(RETRIEVED, RELEVANT, 2), EPS);
        assertEquals(0.375, Retrieval.mrrAtK(RETRIEVED, RELEVANT, 3), EPS);
        assertEquals(0.4375, Retrieval.mrrAtK(RETRIEVED, RELEVANT, 4), EPS);
        assertEquals(2, Retrieval.firstRelevantRank(RETRIEVED.get(0), "d1"));
        assertEquals(0, Retrieval.firstRelevantRank(RETRIEVED.get(2), "d0"));
    }

    @Test
    void relevantSetsCountTheFirstRelevantIdRetrieved() {
        //   q0: {d7, d1} -> d1 at rank 2 comes before d7 at 3 -> rank 2
        //   q1: {d2}     -> rank 1
        //   q2: {d8, d0} -> d8 at rank 3
        //   q3: {d9}     -> absent
        // hit@1 = 1/4, hit@2 = 2/4, hit@3 = 3/4
        // MRR = (1/2 + 1 + 1/3 + 0) / 4 = (11/6) / 4 = 11/24;  MRR@2 = (1/2 + 1) / 4 = 3/8
        List<Set<String>> relevant = List.of(Set.of("d7", "d1"), Set.of("d2"), Set.of("d8", "d0"), Set.of("d9"));
        assertEquals(1.0 / 4, Retrieval.hitRateAtKForSets(RETRIEVED, relevant, 1), EPS);
        assertEquals(2.0 / 4, Retrieval.hitRateAtKForSets(RETRIEVED, relevant, 2), EPS);
        assertEquals(3.0 / 4, Retrieval.hitRateAtKForSets(RETRIEVED, relevant, 3), EPS);
        assertEquals(11.0 / 24, Retrieval.mrrForSets(RETRIEVED, relevant), EPS);
        assertEquals(3.0 / 8, Retrieval.mrrAtKForSets(RETRIEVED, relevant, 2), EPS);
    }

    @Test
    void singleIdsAgreeWithSingletonSets() {
        List<Set<String>> singletons = RELEVANT.stream().map(Set::of).toList();
        for (int k = 1; k <= 5; k++) {
            assertEquals(Retrieval.hitRateAtKForSets(RETRIEVED, singletons, k), Retrieval.hitRateAtK(RETRIEVED, RELEVANT, k), EPS);
            assertEquals(Retrieval.mrrAtKForSets(RETRIEVED, singletons, k), Retrieval.mrrAtK(RETRIEVED, RELEVANT, k), EPS);
        }
        assertEquals(Retrieval.mrrForSets(RETRIEVED, singletons), Retrieval.mrr(RETRIEVED, RELEVANT), EPS);
    }

    @Test
    void wikipediaMeanReciprocalRankExample() {
        // Wikipedia, "Mean reciprocal rank": three queries whose correct answers are ranked 3, 2 and 1:
        //   cat   -> [catten, cati, cats]      correct "cats"    (rank 3)
        //   torus -> [torii, tori, toruses]    correct "tori"    (rank 2)
        //   virus -> [viruses, virii, viri]    correct "viruses" (rank 1)
        //   MRR = (1/3 + 1/2 + 1) / 3 = 11/18 = 0.61...
        List<List<String>> retrieved = List.of(
                List.of("catten", "cati", "cats"),
                List.of("torii", "tori", "toruses"),
                List.of("viruses", "virii", "viri"));
        assertEquals(11.0 / 18, Retrieval.mrr(retrieved, List.of("cats", "tori", "viruses")), EPS);
    }

    @Test
    void perfectAndHopelessRankings() {
        List<List<String>> retrieved = List.of(List.of("a", "b"), List.of("c", "d"));
        assertEquals(1.0, Retrieval.hitRateAtK(retrieved, List.of("a", "c"), 1), EPS);
        assertEquals(1.0, Retrieval.mrr(retrieved, List.of("a", "c")), EPS);
        assertEquals(0.0, Retrieval.hitRateAtK(retrieved, List.of("x", "y"), 10), EPS);
        assertEquals(0.0, Retrieval.mrr(retrieved, List.of("x", "y")), EPS);
    }

    @Test
    void anEmptyResultListIsAMissAndRepeatsCountAtTheirFirstPosition() {
        // q0 retrieved nothing (miss); q1 lists b twice, first at rank 1.  MRR = (0 + 1) / 2.
        List<List<String>> retrieved = List.of(List.of(), List.of("b", "x", "b"));
        assertEquals(0.5, Retrieval.hitRateAtK(retrieved, List.of("a", "b"), 3), EPS);
        assertEquals(0.5, Retrieval.mrr(retrieved, List.of("a", "b")), EPS);
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Retrieval.hitRateAtK(RETRIEVED, RELEVANT, 0));
        assertTrue(e.getMessage().contains("k must be at least 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Retrieval.mrrAtK(RETRIEVED, RELEVANT, 0));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.mrr(RETRIEVED, List.of("d1")));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.mrr(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Retrieval.hitRateAtK(List.of(), List.of(), 1));
        e = assertThrows(IllegalArgumentException.class,
                () -> Retrieval.mrrForSets(List.of(List.of("a")), List.of(Set.of())));
        assertTrue(e.getMessage().contains("query 0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Retrieval.mrr(null, RELEVANT));
    }
}
