package genai;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import genai.stack.CourseConfig;

/**
 * Runs independent model calls concurrently, so that a lesson's measurements over a labelled set take
 * the time of the slowest of {@link #IN_FLIGHT} requests instead of the sum of all of them.
 *
 * <p>Ollama answers up to {@code OLLAMA_NUM_PARALLEL} requests of one loaded model at once, batching their
 * tokens into one forward pass (a small model on a CPU computes four sequences in little more time than
 * one); it queues the rest. The course's services start Ollama with {@code OLLAMA_NUM_PARALLEL} from
 * {@code stack/course.env}, and {@link #IN_FLIGHT} is the same number (ParallelTest checks it). Against a
 * server started with fewer slots the extra requests only wait in its queue: results do not change, only
 * time does. Results come back in the order of the input, so a table built from them reads the same as
 * one built by a plain loop; with temperature 0 and a fixed seed a reply does not depend on which slot
 * served it.
 */
public final class Parallel {

    /** Requests kept open at once: equal to {@code OLLAMA_NUM_PARALLEL} in {@code stack/course.env}. */
    public static final int IN_FLIGHT = CourseConfig.OLLAMA_NUM_PARALLEL;

    /** Seconds between progress lines (the course's rule: a cell over 20 s shows progress). */
    static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private Parallel() {}

    /**
     * What one {@link #map} run cost.
     *
     * @param items        how many items ran
     * @param wallSeconds  seconds from the first request to the last answer
     * @param busySeconds  the sum of every item's own time, in seconds: what a plain loop would have taken,
     *                     give or take the server's batching
     */
    public record Timing(int items, double wallSeconds, double busySeconds) {
        /** busy / wall: how many items were effectively in progress at once (1.0 for a plain loop). */
        public double concurrency() {
            return wallSeconds <= 0 ? 1.0 : busySeconds / wallSeconds;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d items in %.1f s of wall time, %.1f s of request time (%.1f in progress at once)",
                    items, wallSeconds, busySeconds, concurrency());
        }
    }

    private static final ThreadLocal<Timing> LAST = new ThreadLocal<>();

    /** The timing of the last {@link #map} called from this thread, or null if none ran yet. */
    public static Timing last() {
        return LAST.get();
    }

    /** {@link #map(String, List, int, Function)} with {@link #IN_FLIGHT} requests open and no label. */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> work) {
        return map(null, items, IN_FLIGHT, work);
    }

    /** {@link #map(String, List, int, Function)} with {@link #IN_FLIGHT} requests open. */
    public static <T, R> List<R> map(String label, List<T> items, Function<? super T, ? extends R> work) {
        return map(label, items, IN_FLIGHT, work);
    }

    /**
     * Applies {@code work} to every item on {@code inFlight} threads.
     *
     * @param label    printed with a progress line every 10 s and a last line with the {@link Timing}
     *                 (null: print nothing)
     * @param items    the inputs; each must be independent of the others (its own shop, its own session)
     * @param inFlight threads, at least 1 (1 runs the items one after another, in order)
     * @param work     the call; it must not touch state shared with other items unless that state is thread-safe
     * @return one result per item, in the order of {@code items}
     * @throws RuntimeException the first exception an item threw (the others are cancelled)
     * @throws CourseError      if the thread is interrupted
     */
    public static <T, R> List<R> map(String label, List<T> items, int inFlight, Function<? super T, ? extends R> work) {
        long start = System.nanoTime();
        AtomicLong busy = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastPrint = new AtomicLong(start);
        PrintStream out = System.out;          // JJava swaps System.out per cell: keep the cell's stream
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(inFlight, Math.max(1, items.size()))));
        try {
            List<Future<R>> pending = new ArrayList<>(items.size());
            for (T item : items) {
                pending.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    R r = work.apply(item);
                    long now = System.nanoTime();
                    busy.addAndGet(now - t0);
                    int n = done.incrementAndGet();
                    long prev = lastPrint.get();
                    if (label != null && n < items.size() && now - prev >= PROGRESS_EVERY_NANOS && lastPrint.compareAndSet(prev, now)) {
                        out.printf(java.util.Locale.ROOT, "%s: %d/%d done, %.0f s%n", label, n, items.size(), (now - start) / 1e9);
                    }
                    return r;
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> f : pending) results.add(f.get());
            Timing timing = new Timing(items.size(), (System.nanoTime() - start) / 1e9, busy.get() / 1e9);
            LAST.set(timing);
            if (label != null) out.println(label + ": " + timing);
            return results;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new CourseError("A concurrent call failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseError("Interrupted while waiting for concurrent calls: run the cell again.");
        } finally {
            pool.shutdownNow();
        }
    }
}
