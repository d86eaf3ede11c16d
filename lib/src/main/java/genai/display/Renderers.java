package genai.display;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns charts into PNG bytes (described in words too) and tables into HTML: what the notebook shows when a cell returns one. */
public final class Renderers {

    /** Longer tables are cut in the middle, as pandas does, so a cell cannot flood the page. */
    public static final int MAX_ROWS = 40;

    private Renderers() {}

    /**
     * The chart drawn at its own width and height (pixels) as PNG bytes.
     *
     * @throws java.io.UncheckedIOException if XChart's encoder fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A chart in words: its title, axis titles and series names. It is the picture's text/plain
     * alternative, which the course's HTML pages turn into alt text for screen readers.
     */
    public static String describe(Chart<?, ?> chart) {
        StringBuilder out = new StringBuilder("Chart");
        String title = chart.getTitle();
        out.append(title == null || title.isBlank() ? " without a title" : ": " + title.strip());
        appendIfSet(out, "x axis", chart.getXAxisTitle());
        appendIfSet(out, "y axis", chart.getYAxisTitle());
        if (!chart.getSeriesMap().isEmpty()) {
            out.append(". Series: ").append(String.join(", ", chart.getSeriesMap().keySet()));
        }
        return out.append('.').toString();
    }

    private static void appendIfSet(StringBuilder out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.append(". ").append(label).append(": ").append(value.strip());
        }
    }

    /**
     * The table as an HTML {@code <table>} with its name as the caption and every cell escaped; past
     * {@link #MAX_ROWS} rows it keeps the first 35 and the last 5 with a "… N more rows …" row between.
     */
    public static String html(Table table) {
        StringBuilder out = new StringBuilder("<table class=\"dataframe\">");
        if (table.name() != null && !table.name().isBlank()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>");
        }
        out.append("<thead><tr>");
        for (Column<?> column : table.columns()) {
            out.append("<th>").append(escape(column.name())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        int head = rows > MAX_ROWS ? MAX_ROWS - 5 : rows;
        for (int r = 0; r < head; r++) {
            row(out, table, r);
        }
        if (rows > MAX_ROWS) {
            out.append("<tr><td colspan=\"").append(table.columnCount()).append("\">… ")
                    .append(rows - MAX_ROWS).append(" more rows …</td></tr>");
            for (int r = rows - 5; r < rows; r++) {
                row(out, table, r);
            }
        }
        out.append("</tbody></table>");
        return out.toString();
    }

    private static void row(StringBuilder out, Table table, int r) {
        out.append("<tr>");
        for (Column<?> column : table.columns()) {
            out.append("<td>").append(escape(column.getString(r))).append("</td>");
        }
        out.append("</tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
