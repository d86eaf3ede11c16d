package genai.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BootstrapTest {

    @Test
    void constantScoresGiveAPointInterval() {
        var b = Bootstrap.interval95(new double[] {1, 1, 1, 1});
        assertEquals(1.0, b.mean());
        assertEquals(1.0, b.low());
        assertEquals(1.0, b.high());
    }

    @Test
    void intervalHoldsTheMeanAndNarrowsWithMoreQuestions() {
        double[] small = new double[20], large = new double[400];
        for (int i = 0; i < small.length; i++) small[i] = i % 2;
        for (int i = 0; i < large.length; i++) large[i] = i % 2;
        var s = Bootstrap.interval95(small);
        var l = Bootstrap.interval95(large);
        assertEquals(0.5, s.mean(), 1e-12);
        assertTrue(s.low() < 0.5 && s.high() > 0.5, s.toString());
        assertTrue(l.high() - l.low() < s.high() - s.low(), l + " vs " + s);
        // the normal approximation for p = 0.5, n = 400 gives a half-width of 1.96 * 0.025 = 0.049
        assertEquals(0.049, (l.high() - l.low()) / 2, 0.01);
    }

    @Test
    void seededResamplingRepeats() {
        double[] scores = {1, 0, 0.5, 0.33, 1, 0, 0.25};
        assertEquals(Bootstrap.interval95(scores), Bootstrap.interval95(scores));
    }

    @Test
    void formatsForTables() {
        assertEquals("0.50 [0.30–0.70]", new Bootstrap(0.5, 0.3, 0.7).format(2));
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.interval95(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.interval(new double[] {1}, 1.0, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.interval(new double[] {1}, 0.95, 10, 1));
    }
}
