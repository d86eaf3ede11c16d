package genai.display;

import genai.metrics.ConfusionMatrix;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** XChart charts that more than one lesson draws the same way. */
public final class Charts {

    /**
     * A sequential colour scale for counts and rates, white at the minimum through light red to dark red at
     * the maximum (ColorBrewer's "Reds"), so an empty cell reads as empty. XChart's default heat-map scale
     * starts at orange, which makes a zero look hot.
     */
    static final Color[] SEQUENTIAL = {new Color(255, 255, 255), new Color(252, 174, 145), new Color(203, 24, 29)};

    private Charts() {}

    /**
     * The confusion matrix as a heat map: one cell per (actual, predicted) pair with its count written in it,
     * the first label at the top left, so the diagonal of correct predictions runs from top left to bottom
     * right. Colours go from white (0) to dark red (the largest count).
     *
     * @param title   the chart's title
     * @param cm      the counts (rows actual, columns predicted)
     * @param rows    the y axis title, e.g. "actual" or "human label"
     * @param columns the x axis title, e.g. "predicted"
     * @return a 560 × 380 pixel chart; a notebook cell that returns it shows it
     */
    public static HeatMapChart confusionMatrix(String title, ConfusionMatrix cm, String rows, String columns) {
        List<String> labels = cm.labels();
        int n = labels.size();
        HeatMapChart chart = new HeatMapChartBuilder().width(560).height(380).title(title)
                .xAxisTitle(columns).yAxisTitle(rows).build();
        int[][] counts = cm.counts();
        int max = 0;
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[] {j, n - 1 - i, counts[i][j]});   // XChart's y grows upwards: first actual label on top
                max = Math.max(max, counts[i][j]);
            }
        }
        // A matrix of zeros still gets a scale (0..1), so every cell is white.
        chart.getStyler().setShowValue(true).setMin(0).setMax(Math.max(1, max)).setRangeColors(SEQUENTIAL.clone());
        List<String> yLabels = new ArrayList<>(labels);
        Collections.reverse(yLabels);
        chart.addSeries("count", labels, yLabels, cells);
        return chart;
    }
}
