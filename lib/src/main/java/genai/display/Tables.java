package genai.display;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Small helpers for the Tablesaw tables lessons show. */
public final class Tables {

    private Tables() {}

    /** {@code value} rounded half-up to {@code decimals} places (0..10) for display; NaN and infinities stay as they are. */
    public static double round(double value, int decimals) {
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must be in 0..10, got " + decimals);
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** A column named {@code name} of {@code values}, each rounded to {@code decimals} places. */
    public static DoubleColumn rounded(String name, double[] values, int decimals) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = round(values[i], decimals);
        }
        return DoubleColumn.create(name, out);
    }

    /**
     * A column named {@code name} of {@code values}, unchanged, shown with exactly {@code decimals}
     * places and thousands separators ("1,115.0", "2.50"): for tables where aligned figures read better.
     */
    public static DoubleColumn fixed(String name, double[] values, int decimals) {
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must be in 0..10, got " + decimals);
        }
        DoubleColumn column = DoubleColumn.create(name, values);
        column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(decimals));
        return column;
    }

    /**
     * A column named {@code name} of {@code values}, unchanged, shown in scientific notation with
     * {@code significant} significant digits (1..10): 1.61E21 rather than 1614180096000000000000, for
     * figures that span many orders of magnitude (FLOPs, token counts). The E is Java's
     * {@link DecimalFormat}'s: 1.61E21 means 1.61 × 10^21. The symbols are English whatever the JVM's locale.
     */
    public static DoubleColumn scientific(String name, double[] values, int significant) {
        if (significant < 1 || significant > 10) {
            throw new IllegalArgumentException("significant must be in 1..10, got " + significant);
        }
        String pattern = significant == 1 ? "0E0" : "0." + "0".repeat(significant - 1) + "E0";
        DoubleColumn column = DoubleColumn.create(name, values);
        column.setPrintFormatter(new NumberColumnFormatter(new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT))));
        return column;
    }
}
