package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BleuTest {

    private static final double EPS = 1e-12;

    private static final String MAT = "the cat sat on the mat";

    // Papineni et al. (2002), "BLEU: a Method for Automatic Evaluation of Machine Translation", Example 1,
    // the same sentences as in the docstrings of NLTK's nltk/translate/bleu_score.py.
    private static final String CANDIDATE_1 =
            "It is a guide to action which ensures that the military always obeys the commands of the party.";
    private static final String CANDIDATE_2 =
            "It is to insure the troops forever hearing the activity guidebook that party direct.";
    private static final List<String> REFERENCES = List.of(
            "It is a guide to action that ensures that the military will forever heed Party commands.",
            "It is the guiding principle which guarantees the military forces always being under the command of the Party.",
            "It is the practical guide for the army always to heed the directions of the party.");

    @Test
    void papineniTheTheTheExampleHasModifiedUnigramPrecisionTwoSevenths() {
        // Papineni et al. 2002, section 2.1, Example 2: candidate "the the the the the the the",
        // references "The cat is on the mat." / "There is a cat on the mat."
        // Standard unigram precision would be 7/7; "the" is clipped to its maximum reference count, 2: 2/7.
        List<String> refs = List.of("The cat is on the mat.", "There is a cat on the mat.");
        String candidate = "the the the the the the the";
        assertEquals(2.0 / 7, Bleu.modifiedPrecision(candidate, refs, 1), EPS);
        // No reference contains the bigram "the the": p_2 = 0/6, so unsmoothed BLEU is 0.
        assertEquals(0.0, Bleu.modifiedPrecision(candidate, refs, 2), EPS);
        assertEquals(0.0, Bleu.sentenceUnsmoothed(candidate, refs), EPS);
    }

    @Test
    void papineniExampleOneModifiedPrecisions() {
        // Papineni et al. 2002, section 2.1 (and NLTK's modified_precision docstring):
        //   Candidate 1: unigram 17/18, bigram 10/17;  Candidate 2: unigram 8/14, bigram 1/13.
        assertEquals(17.0 / 18, Bleu.modifiedPrecision(CANDIDATE_1, REFERENCES, 1), EPS);
        assertEquals(10.0 / 17, Bleu.modifiedPrecision(CANDIDATE_1, REFERENCES, 2), EPS);
        assertEquals(8.0 / 14, Bleu.modifiedPrecision(CANDIDATE_2, REFERENCES, 1), EPS);
        assertEquals(1.0 / 13, Bleu.modifiedPrecision(CANDIDATE_2, REFERENCES, 2), EPS);
    }

    @Test
    void nltkDocstringSentenceAndCorpusScores() {
        // NLTK nltk/translate/bleu_score.py docstrings (uniform weights, n <= 4):
        //   sentence_bleu(refs, hypothesis1)                       -> 0.5045...
        //   round(sentence_bleu(refs, hypothesis2), 4)             -> 0.0
        //   sentence_bleu(refs, hypothesis2, chencherry.method1)   -> 0.0370...
        //   corpus_bleu([[ref1a, ref1b, ref1c], [ref2a]], [hyp1, hyp2]) -> 0.5920...
        // NLTK's tokens keep case; lower-casing here changes no clipped count for these sentences.
        // The "..." figures are truncated, so the true value lies in [figure, figure + 0.0001).
        assertTruncatedTo(0.5045, Bleu.sentenceUnsmoothed(CANDIDATE_1, REFERENCES));
        assertEquals(0.0, Bleu.sentenceUnsmoothed(CANDIDATE_2, REFERENCES), EPS);
        assertTruncatedTo(0.0370, Bleu.sentence(CANDIDATE_2, REFERENCES));

        String hyp2 = "he read the book because he was interested in world history";
        String ref2a = "he was interested in world history because he read the book";
        assertTruncatedTo(0.5920, Bleu.corpusMultiReference(List.of(CANDIDATE_1, hyp2), List.of(REFERENCES, List.of(ref2a))));
    }

    @Test
    void identicalSentenceScoresOne() {
        assertEquals(1.0, Bleu.sentence(MAT, MAT), EPS);
        assertEquals(1.0, Bleu.sentenceUnsmoothed(MAT, MAT), EPS);
    }

    @Test
    void allPrecisionsOneButShortIsPenalisedByBrevity() {
        // candidate "the cat sat on" (c = 4) vs "the cat sat on the mat" (r = 6):
        //   p1 = 4/4, p2 = 3/3, p3 = 2/2, p4 = 1/1; BP = exp(1 - 6/4) = exp(-0.5) = 0.60653...
        double expected = Math.exp(-0.5);
        assertEquals(expected, Bleu.sentenceUnsmoothed("the cat sat on", MAT), EPS);
        assertEquals(expected, Bleu.sentence("the cat sat on", MAT), EPS, "nothing to smooth");
    }

    @Test
    void geometricMeanOfModifiedPrecisionsByHand() {
        // candidate "the cat sat on a mat" (6) vs "the cat sat on the mat" (6):
        //   unigrams: the cat sat on a mat     -> all but "a" match         p1 = 5/6
        //   bigrams:  the-cat cat-sat sat-on on-a a-mat                   p2 = 3/5
        //   trigrams: the-cat-sat cat-sat-on sat-on-a on-a-mat            p3 = 2/4
        //   4-grams:  the-cat-sat-on cat-sat-on-a sat-on-a-mat            p4 = 1/3
        //   c = r = 6 -> BP = exp(1 - 6/6) = 1
        //   BLEU = (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = (1/12)^(1/4) = 0.53728...
        double expected = Math.pow(1.0 / 12, 0.25);
        assertEquals(expected, Bleu.sentenceUnsmoothed("the cat sat on a mat", MAT), EPS);
        assertEquals(expected, Bleu.sentence("the cat sat on a mat", MAT), EPS);
        Bleu.Counts counts = Bleu.counts("the cat sat on a mat", List.of(MAT));
        assertArrayEquals(new long[] {5, 3, 2, 1}, counts.matches());
        assertArrayEquals(new long[] {6, 5, 4, 3}, counts.totals());
        assertEquals(3.0 / 5, counts.modifiedPrecision(2), EPS);
        assertEquals(1.0, counts.brevityPenalty(), EPS);
    }

    @Test
    void smoothingReplacesAZeroMatchCountWithEpsilon() {
        // candidate "the cat on the mat" (5) vs "the cat sat on the mat" (6):
        //   p1 = 5/5 (the x2 clipped to 2, cat, on, mat)
        //   p2: the-cat, cat-on, on-the, the-mat -> 3 of 4 match          = 3/4
        //   p3: the-cat-on, cat-on-the, on-the-mat -> 1 of 3               = 1/3
        //   p4: the-cat-on-the, cat-on-the-mat -> 0 of 2                   = 0
        //   BP = exp(1 - 6/5) = exp(-0.2)
        // Unsmoothed: 0. Smoothed (method 1): p4 = 0.1/2 = 0.05,
        //   BLEU = exp(-0.2) * (1 * 3/4 * 1/3 * 0.05)^(1/4) = exp(-0.2) * 0.0125^(1/4) = 0.27375...
        assertEquals(0.0, Bleu.sentenceUnsmoothed("the cat on the mat", MAT), EPS);
        assertEquals(Math.exp(-0.2) * Math.pow(0.0125, 0.25), Bleu.sentence("the cat on the mat", MAT), EPS);
    }

    @Test
    void nothingInCommon() {
        // candidate "dog runs" (c = 2) vs "the cat sat" (r = 3): no matches at any order.
        //   smoothed: p1 = 0.1/2, p2 = 0.1/1, p3 = p4 = 0.1/1 (no trigrams or 4-grams: 0 out of 1)
        //   BLEU = exp(1 - 3/2) * (0.05 * 0.1 * 0.1 * 0.1)^(1/4) = exp(-0.5) * (5e-5)^(1/4) = 0.05100...
        assertEquals(0.0, Bleu.sentenceUnsmoothed("dog runs", "the cat sat"), EPS);
        assertEquals(Math.exp(-0.5) * Math.pow(5e-5, 0.25), Bleu.sentence("dog runs", "the cat sat"), EPS);
    }

    @Test
    void candidateShorterThanFourTokens() {
        // "the cat" vs "the cat": p1 = 2/2, p2 = 1/1, no trigrams or 4-grams.
        // Unsmoothed: 0. Smoothed: p3 = p4 = 0.1/1, BP = 1 -> (1 * 1 * 0.1 * 0.1)^(1/4) = 0.01^(1/4) = 0.31622...
        assertEquals(0.0, Bleu.sentenceUnsmoothed("the cat", "the cat"), EPS);
        assertEquals(Math.pow(0.01, 0.25), Bleu.sentence("the cat", "the cat"), EPS);
    }

    @Test
    void emptyCandidateScoresZero() {
        assertEquals(0.0, Bleu.sentence("", MAT), EPS);
        assertEquals(0.0, Bleu.sentenceUnsmoothed("...", MAT), EPS);
    }

    @Test
    void brevityPenaltyDefinition() {
        assertEquals(Math.exp(1 - 6.0 / 4), Bleu.brevityPenalty(4, 6), EPS);
        assertEquals(1.0, Bleu.brevityPenalty(6, 6), EPS, "c = r: exp(1 - 1) = 1");
        assertEquals(1.0, Bleu.brevityPenalty(7, 6), EPS, "c > r: 1");
        assertEquals(0.0, Bleu.brevityPenalty(0, 6), EPS, "empty candidate");
    }

    @Test
    void effectiveReferenceLengthIsTheClosestAndTheShorterOnATie() {
        // c = 5; references of length 4 and 6 are both 1 away: the shorter, 4, is r -> c > r, BP = 1.
        Bleu.Counts counts = Bleu.counts("a b c d e", List.of("a b c d", "a b c d e f"));
        assertEquals(5, counts.candidateLength());
        assertEquals(4, counts.referenceLength());
        assertEquals(1.0, counts.brevityPenalty(), EPS);
        // References of length 2 and 7: 7 is closer to 5.
        assertEquals(7, Bleu.counts("a b c d e", List.of("a b", "a b c d e f g")).referenceLength());
    }

    @Test
    void corpusBleuSumsCountsBeforeDividing() {
        // sentence 1: "the cat sat on the mat" vs itself -> matches 6,5,4,3 of 6,5,4,3; c = 6, r = 6
        // sentence 2: "the cat on the mat" vs MAT        -> matches 5,3,1,0 of 5,4,3,2; c = 5, r = 6
        // sums: matches 11,8,5,3 of 11,9,7,5; c = 11, r = 12
        //   BP = exp(1 - 12/11) = exp(-1/11)
        //   BLEU = exp(-1/11) * (11/11 * 8/9 * 5/7 * 3/5)^(1/4) = exp(-1/11) * (8/21)^(1/4) = 0.71735...
        // Sentence 2 alone is 0 unsmoothed, so the mean of sentence scores would be (1 + 0)/2 = 0.5.
        List<String> candidates = List.of(MAT, "the cat on the mat");
        double expected = Math.exp(-1.0 / 11) * Math.pow(8.0 / 21, 0.25);
        assertEquals(expected, Bleu.corpus(candidates, List.of(MAT, MAT)), EPS);
        assertEquals(expected, Bleu.corpusMultiReference(candidates, List.of(List.of(MAT), List.of(MAT))), EPS);
        Bleu.Counts sum = Bleu.counts(MAT, List.of(MAT)).plus(Bleu.counts("the cat on the mat", List.of(MAT)));
        assertArrayEquals(new long[] {11, 8, 5, 3}, sum.matches());
        assertArrayEquals(new long[] {11, 9, 7, 5}, sum.totals());
        assertEquals(expected, sum.bleu(), EPS);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bleu.sentence(MAT, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(MAT), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Bleu.brevityPenalty(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> Bleu.counts(MAT, List.of(MAT)).modifiedPrecision(5));
        assertThrows(NullPointerException.class, () -> Bleu.sentence(null, MAT));
    }

    private static void assertTruncatedTo(double figure, double actual) {
        assertTrue(actual >= figure && actual < figure + 1e-4,
                () -> "expected a value that truncates to " + figure + "..., got " + actual);
    }
}
