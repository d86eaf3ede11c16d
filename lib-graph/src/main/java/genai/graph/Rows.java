package genai.graph;

import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Query rows as a Tablesaw table, so a notebook shows a Cypher result the way it shows any other table. */
public final class Rows {

    private Rows() {}

    /**
     * One text column per column of the rows (in first-seen order): a Double with two decimals, a list joined with
     * ", ", null as "".
     *
     * @param title the table's name
     * @param rows  rows as {@link GraphDb#read} returns them
     */
    public static Table table(String title, List<Map<String, Object>> rows) {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.addAll(r.keySet()));
        Table t = Table.create(title);
        for (String name : names) {
            List<String> values = new ArrayList<>();
            for (Map<String, Object> r : rows) values.add(text(r.get(name)));
            t.addColumns(StringColumn.create(name, values));
        }
        return t;
    }

    /** A value as {@link #table} writes it. */
    public static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return String.format(Locale.ROOT, "%.2f", d);
        if (v instanceof List<?> l) return l.stream().map(Rows::text).collect(Collectors.joining(", "));
        return String.valueOf(v);
    }
}
