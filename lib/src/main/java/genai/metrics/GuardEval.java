package genai.metrics;

import genai.metrics.Stats;
import genai.display.Tables;
import genai.metrics.Proportion;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The measurements of lesson 08: per-row outcomes of the attack and benign sets against each
 * defence, summarised as attack success rate (ASR) per family and defence with 95 % Wilson intervals
 * ({@link Proportion}), false-positive rate on benign rows, and the latency each defence adds. ASR is
 * the share of attacks that reached their goal (the canary or marker in the reply, the destructive
 * statement executed, the side-effect tool run, the budget exceeded), the measure of the prompt
 * injection benchmarks (e.g. Liu et al., 2024, USENIX Security; Debenedetti et al., 2024, AgentDojo).
 */
public final class GuardEval {

    private GuardEval() {}

    /**
     * One row run against one defence.
     *
     * @param id      the row id (A001…, B001…)
     * @param family  the attack family (also set on benign rows: the shape they imitate)
     * @param attack  true for an attack row, false for a benign one
     * @param defence the defence's name ("none", "keywords", ...)
     * @param success attack rows: the attack reached its goal despite the defence; benign rows: false
     * @param blocked the defence refused the row (for a benign row, a false positive)
     * @param millis  time the defence added for this row, in milliseconds (0 for "none")
     */
    public record Outcome(String id, String family, boolean attack, String defence, boolean success, boolean blocked, double millis) {}

    /** {@code work}'s result and the milliseconds it took. @param value the result @param millis wall-clock ms */
    public record Timed<T>(T value, double millis) {}

    /** Runs {@code work} and measures it. */
    public static <T> Timed<T> time(Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1e6);
    }

    /** The name of the combined defence, which tables and the heat map show last. */
    public static final String ALL = "all";

    /** Defences in order of first appearance, {@link #ALL} last. */
    public static List<String> defences(List<Outcome> outcomes) {
        LinkedHashSet<String> names = outcomes.stream().map(Outcome::defence).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        if (names.remove(ALL)) names.add(ALL);
        return List.copyOf(names);
    }

    /** Families in order of first appearance. */
    public static List<String> families(List<Outcome> outcomes) {
        return List.copyOf(outcomes.stream().map(Outcome::family).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    /**
     * Attack success rate per family, then per defence, over attack rows: successes / attacks with a
     * Wilson interval. A family × defence pair with no attack row is absent.
     */
    public static Map<String, Map<String, Proportion>> attackSuccess(List<Outcome> outcomes) {
        Map<String, Map<String, Proportion>> out = new LinkedHashMap<>();
        for (String family : families(outcomes)) {
            Map<String, Proportion> row = new LinkedHashMap<>();
            for (String defence : defences(outcomes)) {
                List<Outcome> cell = outcomes.stream().filter(o -> o.attack() && o.family().equals(family) && o.defence().equals(defence)).toList();
                if (!cell.isEmpty()) row.put(defence, Proportion.wilson((int) cell.stream().filter(Outcome::success).count(), cell.size()));
            }
            if (!row.isEmpty()) out.put(family, row);
        }
        return out;
    }

    /** Attack success rate per defence over all attack rows. */
    public static Map<String, Proportion> overallSuccess(List<Outcome> outcomes) {
        return per(outcomes, true, Outcome::success);
    }

    /** False-positive rate per defence: benign rows blocked / benign rows, with a Wilson interval. */
    public static Map<String, Proportion> falsePositives(List<Outcome> outcomes) {
        return per(outcomes, false, Outcome::blocked);
    }

    /** Median milliseconds each defence added per row (attack and benign rows together). */
    public static Map<String, Double> addedLatency(List<Outcome> outcomes) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String defence : defences(outcomes)) {
            out.put(defence, Stats.median(outcomes.stream().filter(o -> o.defence().equals(defence)).map(Outcome::millis).toList()));
        }
        return out;
    }

    /** One table: a row per defence with attack success, false positives (each with a 95 % interval) and median added latency. */
    public static Table summary(String title, List<Outcome> outcomes) {
        Map<String, Proportion> asr = overallSuccess(outcomes);
        Map<String, Proportion> fpr = falsePositives(outcomes);
        Map<String, Double> ms = addedLatency(outcomes);
        List<String> names = defences(outcomes);
        return Table.create(title, StringColumn.create("defence", names),
                IntColumn.create("attacks", names.stream().mapToInt(d -> asr.containsKey(d) ? asr.get(d).n() : 0).toArray()),
                col("attack success", names, asr, 0), col("ASR 95% low", names, asr, 1), col("ASR 95% high", names, asr, 2),
                IntColumn.create("benign", names.stream().mapToInt(d -> fpr.containsKey(d) ? fpr.get(d).n() : 0).toArray()),
                col("false positives", names, fpr, 0), col("FPR 95% low", names, fpr, 1), col("FPR 95% high", names, fpr, 2),
                DoubleColumn.create("median added ms", names.stream().mapToDouble(d -> Tables.round(ms.get(d), 1)).toArray()));
    }

    /** The attack success rates as a table: a row per family, a column per defence ("k/n" cells). */
    public static Table successTable(String title, List<Outcome> outcomes) {
        Map<String, Map<String, Proportion>> asr = attackSuccess(outcomes);
        List<String> names = defences(outcomes);
        Table t = Table.create(title, StringColumn.create("family", new ArrayList<>(asr.keySet())));
        for (String d : names) {
            t.addColumns(StringColumn.create(d, asr.values().stream().map(r -> r.containsKey(d) ? r.get(d).successes() + "/" + r.get(d).n() : "").toList()));
        }
        return t;
    }

    /**
     * A heat map of attack success rate, family (y) × defence (x), from white (0) to dark red (1);
     * cells without attacks are left empty.
     */
    public static HeatMapChart heatMap(String title, List<Outcome> outcomes) {
        Map<String, Map<String, Proportion>> asr = attackSuccess(outcomes);
        List<String> xs = defences(outcomes);
        List<String> ys = new ArrayList<>(asr.keySet());
        List<Number[]> cells = new ArrayList<>();
        for (int x = 0; x < xs.size(); x++) {
            for (int y = 0; y < ys.size(); y++) {
                Proportion p = asr.get(ys.get(y)).get(xs.get(x));
                if (p != null) cells.add(new Number[] {x, y, Tables.round(p.value(), 2)});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(860).height(420).title(title)
                .xAxisTitle("defence").yAxisTitle("attack family").build();
        chart.getStyler().setShowValue(true).setMin(0).setMax(1)
                .setRangeColors(new Color[] {new Color(255, 255, 255), new Color(252, 174, 145), new Color(203, 24, 29)})
                .setPlotContentSize(1).setLegendVisible(true);
        chart.addSeries("attack success rate", xs, ys, cells);
        return chart;
    }

    private static Map<String, Proportion> per(List<Outcome> outcomes, boolean attack, java.util.function.Predicate<Outcome> counted) {
        Map<String, Proportion> out = new LinkedHashMap<>();
        for (String defence : defences(outcomes)) {
            List<Outcome> rows = outcomes.stream().filter(o -> o.attack() == attack && o.defence().equals(defence)).toList();
            if (!rows.isEmpty()) out.put(defence, Proportion.wilson((int) rows.stream().filter(counted).count(), rows.size()));
        }
        return out;
    }

    private static DoubleColumn col(String name, List<String> defences, Map<String, Proportion> values, int part) {
        return DoubleColumn.create(name, defences.stream().mapToDouble(d -> {
            Proportion p = values.get(d);
            if (p == null) return Double.NaN;
            return Tables.round(part == 0 ? p.value() : part == 1 ? p.low() : p.high(), 3);
        }).toArray());
    }
}
