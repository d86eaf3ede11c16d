package genai.guard;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An allow-list for model-written SQL, read by a real SQL parser (JSqlParser 5.3), not by regular
 * expressions: OWASP Top 10 for LLM Applications 2025, LLM05 Improper Output Handling, says to treat
 * model output as untrusted input; the OWASP SQL Injection Prevention Cheat Sheet recommends
 * allow-list input validation and least privilege. A statement passes only if all of these hold:
 * <ol>
 *   <li>it parses, and it is exactly one statement (no {@code ; DROP ...} after a harmless query);</li>
 *   <li>it is a query ({@code SELECT}, possibly with {@code UNION}, {@code WITH}, joins, sub-queries);</li>
 *   <li>no {@code SELECT ... INTO} (which creates a table in H2 and other dialects);</li>
 *   <li>every table it reads is on the allow-list, named without a schema (so no
 *       {@code INFORMATION_SCHEMA}), and no table function ({@code FROM CSVREAD(...)}) is used;</li>
 *   <li>every function it calls is on a small list of ordinary scalar and aggregate functions: H2's
 *       file and system functions ({@code FILE_READ}, {@code FILE_WRITE}, {@code CSVWRITE},
 *       {@code LINK_SCHEMA}, {@code DATABASE_PATH}, {@code SESSION_ID}, ...) are not on it;</li>
 *   <li>every node of the parsed statement is of a kind the guard knows (columns, literals, operators,
 *       {@code CASE}, {@code CAST}, sub-queries, joins, {@code ORDER BY}, {@code GROUP BY},
 *       {@code HAVING}, {@code LIMIT}/{@code OFFSET}/{@code FETCH}, window clauses): anything else
 *       ({@code NEXT VALUE FOR}, {@code @variables}, {@code FOR UPDATE}, parameters, dialect
 *       extensions) is refused because the guard cannot classify it.</li>
 * </ol>
 * Tables and functions are found by walking every node of the statement the parser built (every field
 * of every JSqlParser object, by reflection), not with JSqlParser's {@code TablesNamesFinder}: that
 * visitor skips clauses (JSqlParser issues #2516 and #2478), and a guard built on it allowed
 * {@code SELECT name FROM students ORDER BY (SELECT MAX(salary) FROM staff_accounts)} and a forbidden
 * function in {@code ORDER BY}, {@code GROUP BY}, {@code OFFSET} or {@code FETCH}. An allow-list is only as
 * good as the parser walk behind it; {@link #allowingByTablesNamesFinder} keeps the old check so lesson
 * 08 can show the difference.
 * The check is a second line: the course also runs the statement on a connection whose database user
 * may only read the allowed tables ({@link SqlSandbox#readOnly()}), which holds even if this parser
 * and the database disagree about what a statement means.
 */
public final class SqlGuard {

    /**
     * The outcome of a check.
     *
     * @param allowed whether the statement may run
     * @param reason  why not (one sentence), or "ok"
     * @param kind    the statement's type as the parser saw it ("Select", "Drop", "Delete", ... or "unparsable")
     * @param tables  the tables it reads or changes, upper-case
     */
    public record Verdict(boolean allowed, String reason, String kind, Set<String> tables) {}

    /** Functions a reporting query needs; anything else is refused. */
    public static final Set<String> DEFAULT_FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "UPPER", "LOWER",
            "LENGTH", "CHAR_LENGTH", "TRIM", "SUBSTRING", "SUBSTR", "CONCAT", "COALESCE", "NULLIF", "ROUND", "ABS",
            "FLOOR", "CEIL", "CEILING", "YEAR", "MONTH", "DAY", "EXTRACT", "LEFT", "RIGHT", "REPLACE", "CAST",
            "ROW_NUMBER", "RANK", "DENSE_RANK");

    private final Set<String> tables;
    private final Set<String> functions;
    private final boolean fullWalk;

    private SqlGuard(Set<String> tables, Set<String> functions, boolean fullWalk) {
        this.tables = upper(tables);
        this.functions = upper(functions);
        this.fullWalk = fullWalk;
    }

    /**
     * A guard that allows queries on these tables (names compared case-insensitively) with
     * {@link #DEFAULT_FUNCTIONS}, checking every node of the statement.
     *
     * @param tables the table names a query may read, without schema
     * @return the guard
     */
    public static SqlGuard allowing(Set<String> tables) {
        return new SqlGuard(tables, DEFAULT_FUNCTIONS, true);
    }

    /**
     * The same rules checked the way this class did before issue 22: tables and functions listed by
     * JSqlParser 5.3's {@code TablesNamesFinder}, which does not visit sub-queries and functions in
     * {@code ORDER BY}, {@code GROUP BY}, {@code OFFSET}, {@code FETCH} and other places, so it allows
     * statements that read a forbidden table there. Kept only as the contrast lesson 08 shows; do not
     * guard anything with it.
     *
     * @param tables the table names a query may read, without schema
     * @return the weaker guard
     */
    public static SqlGuard allowingByTablesNamesFinder(Set<String> tables) {
        return new SqlGuard(tables, DEFAULT_FUNCTIONS, false);
    }

    /** The allowed tables, upper-case. */
    public Set<String> tables() {
        return tables;
    }

    /**
     * Checks one piece of model-written SQL. Never throws for bad SQL: a statement the parser cannot
     * read is refused with the parser's first line as the reason.
     */
    public Verdict check(String sql) {
        if (sql == null || sql.isBlank()) return new Verdict(false, "There is no SQL statement.", "empty", Set.of());
        Statements parsed;
        try {
            parsed = CCJSqlParserUtil.parseStatements(sql);
        } catch (JSQLParserException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
            return new Verdict(false, "The SQL does not parse (" + why + "), so it is not run.", "unparsable", Set.of());
        }
        List<Statement> statements = parsed == null ? List.of() : parsed.stream().filter(s -> s != null).toList();
        if (statements.size() != 1) {
            return new Verdict(false, "Exactly one statement is allowed, got " + statements.size() + ".", statements.size() + " statements", Set.of());
        }
        Statement statement = statements.get(0);
        String kind = statement.getClass().getSimpleName();
        if (!(statement instanceof Select select)) {
            return new Verdict(false, "Only SELECT is allowed, got " + kind.toUpperCase(Locale.ROOT) + ".", kind, Set.of());
        }
        if (hasInto(select)) return new Verdict(false, "SELECT ... INTO writes a table, so it is refused.", "SelectInto", Set.of());
        List<String> found;
        List<String> tableFunctions;
        List<String> called;
        Set<String> read;
        if (fullWalk) {
            Walk walk = new Walk();
            walk.visit(select);
            if (walk.unknown != null) {
                return new Verdict(false, "The guard cannot classify " + walk.unknown + " in the statement, so it is not run.", kind, upper(walk.tables()));
            }
            read = upper(walk.tables());
            tableFunctions = walk.tableFunctions;
            called = walk.functions;
        } else {
            Finder finder = new Finder();
            try {
                read = upper(finder.getTables((Statement) select));
            } catch (RuntimeException e) {
                return new Verdict(false, "The query's tables cannot be listed (" + e.getMessage() + "), so it is not run.", kind, Set.of());
            }
            tableFunctions = finder.tableFunctions;
            called = finder.functions;
        }
        if (!tableFunctions.isEmpty()) {
            return new Verdict(false, "Table functions are not allowed: " + tableFunctions + ".", kind, read);
        }
        List<String> notAllowed = read.stream().filter(t -> t.contains(".") || !tables.contains(t)).toList();
        if (!notAllowed.isEmpty()) {
            return new Verdict(false, "Only the tables " + new TreeSet<>(tables) + " may be read, not " + notAllowed + ".", kind, read);
        }
        List<String> badFunctions = called.stream().filter(f -> !functions.contains(f)).distinct().toList();
        if (!badFunctions.isEmpty()) {
            return new Verdict(false, "The function(s) " + badFunctions + " are not on the allow-list.", kind, read);
        }
        return new Verdict(true, "ok", kind, read);
    }

    private static boolean hasInto(Select select) {
        if (select instanceof PlainSelect plain) {
            return plain.getIntoTables() != null && !plain.getIntoTables().isEmpty() || plain.getIntoTempTable() != null;
        }
        return select.toString().toUpperCase(Locale.ROOT).matches("(?s).*\\bINTO\\b.*");
    }

    private static Set<String> upper(Collection<String> names) {
        return names.stream().map(n -> n.replace("\"", "").replace("`", "").toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Every node JSqlParser built for a query, reached through every field of every object of the
     * parser's model, so no clause can be skipped: tables, functions and table functions are recorded
     * wherever they appear, and the first node of a kind not listed in {@link #KNOWN} is kept as
     * {@link #unknown}. Names of {@code WITH} items are not tables.
     */
    private static final class Walk {
        final List<String> read = new ArrayList<>();
        final Set<String> withNames = new LinkedHashSet<>();
        final List<String> functions = new ArrayList<>();
        final List<String> tableFunctions = new ArrayList<>();
        String unknown;
        private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

        Set<String> tables() {
            Set<String> out = new LinkedHashSet<>();
            Set<String> ctes = upper(withNames);
            for (String t : read) if (!ctes.contains(t.replace("\"", "").toUpperCase(Locale.ROOT))) out.add(t);
            return out;
        }

        void visit(Object node) {
            if (node == null || unknown != null) return;
            if (node instanceof Collection<?> items) {
                for (Object item : items) visit(item);
                return;
            }
            if (node instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : map.entrySet()) { visit(e.getKey()); visit(e.getValue()); }
                return;
            }
            Class<?> type = node.getClass();
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) for (int i = 0; i < Array.getLength(node); i++) visit(Array.get(node, i));
                return;
            }
            String name = type.getName();
            // Literal values (String, numbers, booleans), enums, and the parser's own token tree are leaves.
            if (!name.startsWith("net.sf.jsqlparser.") || type.isEnum() || name.startsWith("net.sf.jsqlparser.parser.")) return;
            if (!seen.add(node)) return;
            if (node instanceof Table t) {
                if (t.getPivot() != null || t.getUnPivot() != null || t.getSampleClause() != null) unknown = "a PIVOT or SAMPLE clause";
                else read.add(t.getFullyQualifiedName());
                return;    // its alias and name parts are not tables read
            }
            if (node instanceof Column c) {
                if (c.getArrayConstructor() != null) unknown = "an array index";
                return;    // its qualifier names an alias or a table of FROM, not a table read
            }
            if (node instanceof TableFunction f) tableFunctions.add(String.valueOf(f.getFunction().getName()).toUpperCase(Locale.ROOT));
            else if (node instanceof Function f) functions.add(String.join(".", f.getMultipartName()).toUpperCase(Locale.ROOT));
            else if (node instanceof AnalyticExpression a) functions.add(String.valueOf(a.getName()).toUpperCase(Locale.ROOT));
            else if (node instanceof CastExpression) functions.add("CAST");
            else if (node instanceof ExtractExpression) functions.add("EXTRACT");
            else if (node instanceof TrimFunction) functions.add("TRIM");
            else if (node instanceof WithItem<?> w) {
                if (w.getAlias() != null) withNames.add(w.getAlias().getName());
            } else if (!known(type)) {
                unknown = type.getSimpleName() + " (" + node + ")";
                return;
            }
            if (node instanceof Select select && (select.getForMode() != null || select.getForClause() != null)) {
                unknown = "FOR UPDATE";
                return;
            }
            for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field field : k.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) continue;
                    try {
                        field.setAccessible(true);
                        visit(field.get(node));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        unknown = type.getSimpleName() + "." + field.getName() + " (unreadable: " + e.getMessage() + ")";
                    }
                    if (unknown != null) return;
                }
            }
        }

        private static boolean known(Class<?> type) {
            for (Class<?> k = type; k != null; k = k.getSuperclass()) {
                String n = k.getName();
                if (KNOWN.contains(n.substring(n.lastIndexOf('.') + 1))) return true;
                if (n.startsWith("net.sf.jsqlparser.expression.operators.arithmetic.")
                        || n.startsWith("net.sf.jsqlparser.expression.operators.conditional.")) return true;
            }
            return false;
        }
    }

    /** The node kinds (simple class names of JSqlParser 5.3) an ordinary reporting query is made of. */
    private static final Set<String> KNOWN = Set.of(
            // select structure
            "PlainSelect", "SetOperationList", "ParenthesedSelect", "WithItem", "SelectItem", "Join", "OrderByElement",
            "GroupByElement", "Limit", "Offset", "Fetch", "Distinct", "Top", "UnionOp", "ExceptOp", "IntersectOp", "MinusOp",
            "ParenthesedFromItem", "AllColumns", "AllTableColumns", "Alias", "AliasColumn", "Values",
            // literals and plain expressions
            "LongValue", "DoubleValue", "StringValue", "NullValue", "BooleanValue", "DateValue", "TimeValue", "TimestampValue",
            "HexValue", "DateTimeLiteralExpression", "IntervalExpression", "SignedExpression", "NotExpression", "Parenthesis",
            "CaseExpression", "WhenClause", "ColDataType", "AnyComparisonExpression",
            // comparisons and lists
            "EqualsTo", "NotEqualsTo", "GreaterThan", "GreaterThanEquals", "MinorThan", "MinorThanEquals", "Between",
            "InExpression", "ExistsExpression", "IsNullExpression", "IsBooleanExpression", "IsDistinctExpression",
            "LikeExpression", "ExpressionList", "ParenthesedExpressionList",
            // window clauses of AnalyticExpression
            "OrderByClause", "PartitionByClause", "WindowDefinition", "WindowElement", "WindowOffset", "WindowRange");

    /** The parser's table finder, also recording every function and table function it walks past. */
    private static final class Finder extends TablesNamesFinder<Void> {
        final List<String> functions = new ArrayList<>();
        final List<String> tableFunctions = new ArrayList<>();

        @Override
        public <S> Void visit(Function function, S context) {
            functions.add(String.join(".", function.getMultipartName()).toUpperCase(Locale.ROOT));
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(TableFunction function, S context) {
            tableFunctions.add(function.getFunction().getName().toUpperCase(Locale.ROOT));
            return super.visit(function, context);
        }
    }
}
