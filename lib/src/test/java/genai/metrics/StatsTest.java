package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(5, 1, 3));
        assertEquals(2.5, Stats.median(4, 1, 3, 2));
        assertEquals(7.0, Stats.median(List.of(7)));
    }

    @Test
    void percentilesMatchNumpysLinearMethod() {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 25, 95, 100]) = [1.0, 2.0, 8.8, 10.0]
        double[] xs = {10, 1, 3, 2, 4};
        assertEquals(1.0, Stats.percentile(xs, 0));
        assertEquals(2.0, Stats.percentile(xs, 25));
        assertEquals(8.8, Stats.percentile(xs, 95), 1e-12);
        assertEquals(10.0, Stats.percentile(xs, 100));
    }

    @Test
    void undefinedInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[] {1}, 101));
        assertThrows(IllegalArgumentException.class, () -> Stats.medianMillis(0, () -> { }));
    }

    @Test
    void medianMillisRunsTheStepOnceMoreThanItMeasures() {
        int[] runs = {0};
        double ms = Stats.medianMillis(3, () -> runs[0]++);
        assertEquals(4, runs[0]);
        assertTrue(ms >= 0);
    }
}
