package genai.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class BatchTest {

    @Test
    void keepsInputOrderAndReportsEveryItem() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        var out = Batch.map(IntStream.range(0, 20).boxed().toList(), 4, i -> {
            try { Thread.sleep(20 - i); } catch (InterruptedException e) { throw new RuntimeException(e); }
            return i * i;
        }, (done, all) -> seen.add(done));
        assertEquals(IntStream.range(0, 20).map(i -> i * i).boxed().toList(), out);
        assertEquals(20, seen.size());
        assertTrue(seen.contains(20));
    }

    @Test
    void rethrowsTheFirstFailure() {
        var e = assertThrows(IllegalStateException.class, () -> Batch.map(List.of(1, 2, 3), 2, i -> {
            if (i == 2) throw new IllegalStateException("two");
            return i;
        }, null));
        assertEquals("two", e.getMessage());
    }
}
