package genai.retrieval;

import genai.metrics.Stats;
import genai.metrics.Bootstrap;
import genai.metrics.Retrieval;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One row of a retrieval comparison: hit rate@1, @3, @5 and MRR@5 with 95 % bootstrap intervals
 * ({@link Bootstrap#interval95}, questions resampled), and the p50 and p95 latency per question.
 * Definitions of the metrics: {@link Retrieval}.
 *
 * @param pipeline  a name for the pipeline ("dense", "BM25", "hybrid", ...)
 * @param questions number of questions
 * @param hit1      hit rate@1 with its interval
 * @param hit3      hit rate@3 with its interval
 * @param hit5      hit rate@5 with its interval
 * @param mrr5      MRR@5 with its interval
 * @param p50Ms     median latency per question, milliseconds
 * @param p95Ms     95th percentile latency per question, milliseconds
 */
public record RetrievalEval(String pipeline, int questions, Bootstrap hit1, Bootstrap hit3, Bootstrap hit5, Bootstrap mrr5,
                            double p50Ms, double p95Ms) {

    /**
     * Scores one pipeline.
     *
     * @param ranked     per question, the doc_ids it retrieved, best first (at least 5 are read when present)
     * @param relevant   per question, the doc_id that answers it
     * @param latencyMs  per question, the time the pipeline took, in milliseconds
     * @throws IllegalArgumentException if the three lists differ in length or are empty
     */
    public static RetrievalEval of(String pipeline, List<List<String>> ranked, List<String> relevant, double[] latencyMs) {
        Objects.requireNonNull(pipeline, "pipeline");
        if (ranked.size() != relevant.size() || ranked.size() != latencyMs.length) {
            throw new IllegalArgumentException("one ranking, one relevant id and one latency per question are needed; got "
                    + ranked.size() + ", " + relevant.size() + " and " + latencyMs.length);
        }
        if (ranked.isEmpty()) throw new IllegalArgumentException("there are no questions");
        int n = ranked.size();
        double[] h1 = new double[n], h3 = new double[n], h5 = new double[n], rr5 = new double[n];
        for (int q = 0; q < n; q++) {
            int rank = Retrieval.firstRelevantRank(ranked.get(q), relevant.get(q));
            boolean found = rank > 0;
            h1[q] = found && rank <= 1 ? 1 : 0;
            h3[q] = found && rank <= 3 ? 1 : 0;
            h5[q] = found && rank <= 5 ? 1 : 0;
            rr5[q] = found && rank <= 5 ? 1.0 / rank : 0;
        }
        return new RetrievalEval(pipeline, n, Bootstrap.interval95(h1), Bootstrap.interval95(h3), Bootstrap.interval95(h5),
                Bootstrap.interval95(rr5), Stats.percentile(latencyMs, 50), Stats.percentile(latencyMs, 95));
    }

    /** A table with one row per evaluation: each metric as "value [low–high]", latencies in ms. */
    public static Table table(String title, List<RetrievalEval> rows) {
        return Table.create(title,
                StringColumn.create("pipeline", rows.stream().map(RetrievalEval::pipeline)),
                IntColumn.create("questions", rows.stream().mapToInt(RetrievalEval::questions).toArray()),
                StringColumn.create("hit rate@1 [95% CI]", rows.stream().map(r -> r.hit1().format(2))),
                StringColumn.create("hit rate@3 [95% CI]", rows.stream().map(r -> r.hit3().format(2))),
                StringColumn.create("hit rate@5 [95% CI]", rows.stream().map(r -> r.hit5().format(2))),
                StringColumn.create("MRR@5 [95% CI]", rows.stream().map(r -> r.mrr5().format(2))),
                StringColumn.create("p50 ms", rows.stream().map(r -> latency(r.p50Ms()))),
                StringColumn.create("p95 ms", rows.stream().map(r -> latency(r.p95Ms()))));
    }

    private static String latency(double ms) {
        return ms < 10 ? String.format(Locale.ROOT, "%.2f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }
}
