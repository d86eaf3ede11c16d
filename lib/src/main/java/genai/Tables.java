package genai;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

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
}
