package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerplexityTest {

    private static final double EPS = 1e-12;

    @Test
    void aModelGuessingUniformlyAmongKTokensHasPerplexityK() {
        // Every token has p = 1/4: mean ln p = ln(1/4), perplexity = exp(-ln(1/4)) = 4.
        double l = Math.log(0.25);
        assertEquals(4.0, Perplexity.fromLogProbs(List.of(l, l, l)), EPS);
    }

    @Test
    void handExampleInThreeBases() {
        // p = 1/2, 1/4, 1/8.
        //   natural logs: -ln2, -2 ln2, -3 ln2; mean = -2 ln2; perplexity = exp(2 ln2) = 4
        //   base 2:       -1, -2, -3;           mean = -2;     perplexity = 2^2 = 4
        //   base 10:      log10 of each;        perplexity = 10^(2 log10 2) = 4
        // The cross-entropy is 2 ln2 nats (= 2 bits).
        double ln2 = Math.log(2);
        assertEquals(4.0, Perplexity.fromLogProbs(List.of(-ln2, -2 * ln2, -3 * ln2)), EPS);
        assertEquals(4.0, Perplexity.fromLogProbs(List.of(-1.0, -2.0, -3.0), 2), EPS);
        assertEquals(4.0, Perplexity.fromLogProbs(List.of(Math.log10(0.5), Math.log10(0.25), Math.log10(0.125)), 10), EPS);
        assertEquals(4.0, Perplexity.fromProbabilities(List.of(0.5, 0.25, 0.125)), EPS);
        assertEquals(2 * ln2, Perplexity.crossEntropy(List.of(-ln2, -2 * ln2, -3 * ln2)), EPS);
    }

    @Test
    void perplexityIsTheInverseGeometricMeanOfTheProbabilities() {
        // p = 0.5, 0.2: geometric mean = sqrt(0.1); perplexity = 1/sqrt(0.1) = sqrt(10) = 3.1622...
        assertEquals(Math.sqrt(10), Perplexity.fromLogProbs(List.of(Math.log(0.5), Math.log(0.2))), 1e-12);
        assertEquals(Math.sqrt(10), Perplexity.fromProbabilities(List.of(0.5, 0.2)), 1e-12);
    }

    @Test
    void certaintyGivesTheMinimumOfOne() {
        assertEquals(1.0, Perplexity.fromLogProbs(List.of(0.0, 0.0)), EPS);
        assertEquals(1.0, Perplexity.fromProbabilities(List.of(1.0)), EPS);
    }

    @Test
    void aTokenWithProbabilityZeroMakesItInfinite() {
        assertEquals(Double.POSITIVE_INFINITY, Perplexity.fromLogProbs(List.of(-1.0, Double.NEGATIVE_INFINITY)));
        assertEquals(Double.POSITIVE_INFINITY, Perplexity.fromProbabilities(List.of(0.5, 0.0)));
    }

    @Test
    void emptyInputIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Perplexity.fromLogProbs(List.of()));
        assertTrue(e.getMessage().contains("at least one token") && e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromLogProbs(List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromProbabilities(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.crossEntropy(List.of()));
    }

    @Test
    void impossibleValuesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Perplexity.fromLogProbs(List.of(-1.0, 0.5)));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromLogProbs(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromProbabilities(List.of(1.5)));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromProbabilities(List.of(-0.1)));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromLogProbs(List.of(-1.0), 1));
        assertThrows(IllegalArgumentException.class, () -> Perplexity.fromLogProbs(List.of(-1.0), 0.5));
        assertThrows(NullPointerException.class, () -> Perplexity.fromLogProbs(null));
        assertThrows(NullPointerException.class, () -> Perplexity.fromLogProbs(Arrays.asList(-1.0, null)));
    }
}
