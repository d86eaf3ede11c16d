package genai.guard;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *       {@code LINK_SCHEMA}, {@code DATABASE_PATH}, {@code SESSION_ID}, ...) are not on it.</li>
 * </ol>
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
            "FLOOR", "CEIL", "CEILING", "YEAR", "MONTH", "DAY", "EXTRACT", "LEFT", "RIGHT", "REPLACE", "CAST");

    private final Set<String> tables;
    private final Set<String> functions;

    private SqlGuard(Set<String> tables, Set<String> functions) {
        this.tables = upper(tables);
        this.functions = upper(functions);
    }

    /** A guard that allows queries on these tables (names compared case-insensitively) with {@link #DEFAULT_FUNCTIONS}. */
    public static SqlGuard allowing(Set<String> tables) {
        return new SqlGuard(tables, DEFAULT_FUNCTIONS);
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
        Finder finder = new Finder();
        Set<String> read;
        try {
            read = upper(finder.getTables((Statement) select));
        } catch (RuntimeException e) {
            return new Verdict(false, "The query's tables cannot be listed (" + e.getMessage() + "), so it is not run.", kind, Set.of());
        }
        if (!finder.tableFunctions.isEmpty()) {
            return new Verdict(false, "Table functions are not allowed: " + finder.tableFunctions + ".", kind, read);
        }
        List<String> notAllowed = read.stream().filter(t -> t.contains(".") || !tables.contains(t)).toList();
        if (!notAllowed.isEmpty()) {
            return new Verdict(false, "Only the tables " + new TreeSet<>(tables) + " may be read, not " + notAllowed + ".", kind, read);
        }
        List<String> badFunctions = finder.functions.stream().filter(f -> !functions.contains(f)).distinct().toList();
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

    private static Set<String> upper(Set<String> names) {
        return names.stream().map(n -> n.replace("\"", "").replace("`", "").toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

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
