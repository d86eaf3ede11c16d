package genai;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;
import genai.stack.CourseConfig;

class ParallelTest {

    @Test
    void keepsTheInputOrderAndRunsItemsAtOnce() {
        AtomicInteger running = new AtomicInteger(), peak = new AtomicInteger();
        List<Integer> out = Parallel.map(null, IntStream.range(0, 12).boxed().toList(), 4, i -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try { Thread.sleep(40L * (12 - i) / 4); } catch (InterruptedException e) { throw new RuntimeException(e); }
            running.decrementAndGet();
            return i * i;
        });
        assertEquals(IntStream.range(0, 12).map(i -> i * i).boxed().toList(), out);
        assertEquals(4, peak.get(), "four items in progress at once");
        Parallel.Timing t = Parallel.last();
        assertEquals(12, t.items());
        assertTrue(t.concurrency() > 2.0, t.toString());
    }

    @Test
    void oneInFlightIsAPlainLoop() {
        AtomicInteger running = new AtomicInteger(), peak = new AtomicInteger();
        Parallel.map(null, List.of(1, 2, 3), 1, i -> { peak.accumulateAndGet(running.incrementAndGet(), Math::max); running.decrementAndGet(); return i; });
        assertEquals(1, peak.get());
    }

    @Test
    void anItemsExceptionReachesTheCaller() {
        CourseError e = assertThrows(CourseError.class, () -> Parallel.map(List.of(1, 2, 3), i -> {
            if (i == 2) throw new CourseError("item 2 failed");
            return i;
        }));
        assertEquals("item 2 failed", e.getMessage());
        assertEquals(List.of(), Parallel.map(List.<Integer>of(), i -> i));
    }

    /** The client opens as many requests as the course's Ollama serves at once. */
    @Test
    void inFlightIsTheNumberOfSlotsTheCourseStartsOllamaWith() {
        assertEquals(Integer.parseInt(CourseConfig.constant("OLLAMA_NUM_PARALLEL")), Parallel.IN_FLIGHT);
        assertTrue(Parallel.IN_FLIGHT >= 1, "at least one request in flight");
    }
}
