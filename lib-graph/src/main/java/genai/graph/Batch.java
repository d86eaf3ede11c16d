package genai.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs independent calls (model requests, mostly) a few at a time and keeps the results in input order. Ollama queues
 * what it cannot run at once (OLLAMA_NUM_PARALLEL), so a small pool keeps the server busy without the client waiting
 * between requests.
 */
public final class Batch {

    private Batch() {}

    /**
     * Applies {@code call} to every item on {@code threads} threads.
     *
     * @param progress called after each item with (items done, items in all), from a worker thread; may be null
     * @return the results in the order of {@code items}
     * @throws RuntimeException the first call's exception (unwrapped when it is a RuntimeException), after the rest finish
     */
    public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> call, BiConsumer<Integer, Integer> progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    try {
                        return call.apply(item);
                    } finally {
                        if (progress != null) progress.accept(done.incrementAndGet(), items.size());
                    }
                }));
            }
            List<R> out = new ArrayList<>();
            RuntimeException first = null;
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) first = e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
                    out.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RuntimeException(e);
                }
            }
            if (first != null) throw first;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
