package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RougeTest {

    private static final double EPS = 1e-12;

    // Hand example with a repeated word, so that clipping matters.
    //   candidate: "the cat the cat the"    -> [the, cat, the, cat, the]      5 tokens
    //   reference: "the cat sat on the mat" -> [the, cat, sat, on, the, mat]  6 tokens
    private static final String CANDIDATE = "The cat, the cat, the...";
    private static final String REFERENCE = "The cat sat on the mat.";

    @Test
    void rouge1ClipsRepeatedWordsToTheReferenceCount() {
        // candidate counts: the 3, cat 2; reference counts: the 2, cat 1, sat 1, on 1, mat 1
        // overlap = min(3,2) + min(2,1) = 2 + 1 = 3   (unclipped it would be 5)
        // P = 3/5, R = 3/6 = 1/2, F1 = 2(3/5)(1/2) / (3/5 + 1/2) = (3/5) / (11/10) = 6/11
        PrecisionRecallF1 s = Rouge.rouge1(CANDIDATE, REFERENCE);
        assertEquals(3.0 / 5, s.precision(), EPS);
        assertEquals(1.0 / 2, s.recall(), EPS);
        assertEquals(6.0 / 11, s.f1(), EPS);
    }

    @Test
    void rouge2CountsBigrams() {
        // candidate bigrams (4): the-cat, cat-the, the-cat, cat-the    -> the-cat 2, cat-the 2
        // reference bigrams (5): the-cat, cat-sat, sat-on, on-the, the-mat
        // overlap = min(2,1) [the-cat] + min(2,0) [cat-the] = 1
        // P = 1/4, R = 1/5, F1 = 2(1/20) / (9/20) = 2/9
        PrecisionRecallF1 s = Rouge.rouge2(CANDIDATE, REFERENCE);
        assertEquals(1.0 / 4, s.precision(), EPS);
        assertEquals(1.0 / 5, s.recall(), EPS);
        assertEquals(2.0 / 9, s.f1(), EPS);
        assertEquals(s, Rouge.rougeN(CANDIDATE, REFERENCE, 2));
    }

    @Test
    void rougeLUsesTheLongestCommonSubsequence() {
        // Only "the" and "cat" are shared; the reference restricted to them reads "the cat the",
        // so LCS = 3 ("the cat the").  P = 3/5, R = 3/6, F1 = 6/11.
        PrecisionRecallF1 s = Rouge.rougeL(CANDIDATE, REFERENCE);
        assertEquals(3.0 / 5, s.precision(), EPS);
        assertEquals(1.0 / 2, s.recall(), EPS);
        assertEquals(6.0 / 11, s.f1(), EPS);
    }

    @Test
    void linPaperRougeLExample() {
        // Lin (2004), "ROUGE: A Package for Automatic Evaluation of Summaries", section 3.1:
        //   S1 (reference) "police killed the gunman"
        //   S2 "police kill the gunman"  -> ROUGE-L = 3/4 = 0.75 (LCS "police the gunman")
        //   S3 "the gunman kill police"  -> ROUGE-L = 2/4 = 0.5  (LCS "the gunman"), with beta = 1
        // and S2, S3 have the same ROUGE-2, both sharing the single bigram "the gunman": 1/3 of 3 bigrams.
        String s1 = "police killed the gunman";
        String s2 = "police kill the gunman";
        String s3 = "the gunman kill police";
        assertEquals(0.75, Rouge.rougeL(s2, s1).f1(), EPS);
        assertEquals(0.5, Rouge.rougeL(s3, s1).f1(), EPS);
        assertEquals(1.0 / 3, Rouge.rouge2(s2, s1).f1(), EPS);
        assertEquals(Rouge.rouge2(s2, s1), Rouge.rouge2(s3, s1));
        // Both candidates contain three of S1's four words: ROUGE-1 = 3/4 for each.
        assertEquals(0.75, Rouge.rouge1(s3, s1).f1(), EPS);
    }

    @Test
    void identicalTextsScoreOne() {
        PrecisionRecallF1 one = new PrecisionRecallF1(1, 1, 1);
        assertEquals(one, Rouge.rouge1(REFERENCE, REFERENCE));
        assertEquals(one, Rouge.rouge2(REFERENCE, REFERENCE));
        assertEquals(one, Rouge.rougeL(REFERENCE, REFERENCE));
        assertEquals(one, Rouge.rouge1("The CAT!", "the cat"), "case and punctuation are ignored by the tokeniser");
    }

    @Test
    void nothingInCommonScoresZero() {
        PrecisionRecallF1 zero = new PrecisionRecallF1(0, 0, 0);
        assertEquals(zero, Rouge.rouge1("dogs bark", REFERENCE));
        assertEquals(zero, Rouge.rouge2("dogs bark", REFERENCE));
        assertEquals(zero, Rouge.rougeL("dogs bark", REFERENCE));
    }

    @Test
    void zeroDenominatorsGiveZero() {
        PrecisionRecallF1 zero = new PrecisionRecallF1(0, 0, 0);
        assertEquals(zero, Rouge.rouge1("", REFERENCE), "empty candidate: P = 0/0 -> 0, R = 0/6");
        assertEquals(zero, Rouge.rouge1(REFERENCE, "..."), "empty reference: R = 0/0 -> 0");
        assertEquals(zero, Rouge.rougeL("", ""), "both empty");
        // A one-token candidate has no bigrams: P = 0/0 -> 0, R = 0/5 = 0.
        assertEquals(zero, Rouge.rouge2("cat", REFERENCE));
        // ...but it has a unigram: P = 1/1, R = 1/6, F1 = 2(1/6)/(7/6) = 2/7.
        PrecisionRecallF1 s = Rouge.rouge1("cat", REFERENCE);
        assertEquals(1.0, s.precision(), EPS);
        assertEquals(1.0 / 6, s.recall(), EPS);
        assertEquals(2.0 / 7, s.f1(), EPS);
    }

    @Test
    void lcsLengthTextbookExample() {
        // Cormen et al., "Introduction to Algorithms", section 15.4: X = ABCBDAB, Y = BDCABA have an LCS of length 4 (e.g. BCBA).
        List<String> x = List.of("A", "B", "C", "B", "D", "A", "B");
        List<String> y = List.of("B", "D", "C", "A", "B", "A");
        assertEquals(4, Rouge.lcsLength(x, y));
        assertEquals(4, Rouge.lcsLength(y, x));
        assertEquals(0, Rouge.lcsLength(x, List.of()));
    }

    @Test
    void tokenListsCanBeGivenDirectly() {
        // Case-sensitive tokens of your own: "The" and "the" differ. Overlap = {cat}: P = 1/2, R = 1/2.
        PrecisionRecallF1 s = Rouge.rougeN(List.of("The", "cat"), List.of("the", "cat"), 1);
        assertEquals(0.5, s.f1(), EPS);
        assertThrows(IllegalArgumentException.class, () -> Rouge.rougeN("a", "a", 0));
        assertThrows(NullPointerException.class, () -> Rouge.rouge1(null, "a"));
    }
}
