package genai.guard;

import genai.CourseError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A throw-away in-memory H2 2.3.232 database for model-written SQL, with two connections: the owner
 * ({@link #admin()}, who created the tables and can do anything) and a reader ({@link #readOnly()}), a
 * database user that was granted {@code SELECT} on the allowed tables and nothing else.
 *
 * <p>What H2 2.3.232 enforces, as the unit tests check: for a non-admin user without grants,
 * {@code DELETE}, {@code DROP}, {@code INSERT}, {@code UPDATE}, {@code CREATE} and reading a table it was
 * not granted fail with "Not enough rights for object"; {@code FILE_READ}, {@code CSVREAD},
 * {@code CSVWRITE}, {@code SCRIPT TO}, {@code CREATE ALIAS} (Java code) and {@code SHUTDOWN} fail with
 * "Admin rights are required". What it does not enforce: JDBC's {@code Connection.setReadOnly(true)}
 * is only a hint in H2 (a {@code DELETE} still runs), {@code ACCESS_MODE_DATA=r} applies to file
 * databases only, and the reader can still read {@code INFORMATION_SCHEMA} (table and column names,
 * not their rows). Least privilege in the database is the structural defence (OWASP Top 10 for LLM
 * Applications 2025, LLM05 and LLM06); {@link SqlGuard} is the second line.
 */
public final class SqlSandbox implements AutoCloseable {

    /** Lesson 01's two tables and rows, plus a table the model must never read. */
    public static final String SCHOOL = """
            CREATE TABLE departments (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, building VARCHAR(40));
            CREATE TABLE students (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, department_id INT REFERENCES departments(id), enrolled_year INT);
            CREATE TABLE staff_accounts (id INT PRIMARY KEY, name VARCHAR(60), email VARCHAR(80), password_hash VARCHAR(80), salary INT);
            INSERT INTO departments VALUES (1, 'Physics', 'North Hall'), (2, 'History', 'Old Library'), (3, 'Computer Science', 'Lab Block');
            INSERT INTO students VALUES (1, 'Amara Osei', 1, 2023), (2, 'Jonas Weber', 3, 2022), (3, 'Lucia Romano', 1, 2024),
              (4, 'Kenji Sato', 2, 2023), (5, 'Maya Cohen', 3, 2024), (6, 'Tomasz Nowak', 1, 2022), (7, 'Ines Duarte', 2, 2024),
              (8, 'Olu Adeyemi', 3, 2023);
            INSERT INTO staff_accounts VALUES (1, 'Registrar', 'registrar@example.org', 'pbkdf2$f3a9c1', 52000),
              (2, 'Bursar', 'bursar@example.org', 'pbkdf2$77be02', 61000);
            """;

    /** The tables of {@link #SCHOOL} a query may read. */
    public static final Set<String> SCHOOL_READABLE = Set.of("DEPARTMENTS", "STUDENTS");

    private final String url;
    private final Connection admin;
    private final Connection reader;
    private final Connection app;

    private SqlSandbox(String url, Connection admin, Connection reader, Connection app) {
        this.url = url;
        this.admin = admin;
        this.reader = reader;
        this.app = app;
    }

    /** A fresh {@link #SCHOOL} database where the reader may read {@link #SCHOOL_READABLE}. */
    public static SqlSandbox school() {
        return create(SCHOOL, SCHOOL_READABLE);
    }

    /**
     * A fresh, uniquely named in-memory database.
     *
     * @param setupSql statements separated by {@code ;} at line ends, run by the owner
     * @param readable tables the reader is granted {@code SELECT} on
     * @throws CourseError if a set-up statement fails
     */
    public static SqlSandbox create(String setupSql, Set<String> readable) {
        String url = "jdbc:h2:mem:sandbox-" + UUID.randomUUID();
        String password = UUID.randomUUID().toString();
        try {
            // The owner's connection keeps the in-memory database alive; a URL setting such as
            // DB_CLOSE_DELAY would need admin rights when the reader connects with it.
            Connection admin = DriverManager.getConnection(url, "owner", "");
            try (Statement st = admin.createStatement()) {
                for (String sql : setupSql.split(";\\s*\\n")) if (!sql.isBlank()) st.execute(sql);
                st.execute("CREATE USER reader PASSWORD '" + password + "'");
                for (String table : readable) st.execute("GRANT SELECT ON " + table + " TO reader");
                st.execute("CREATE USER app PASSWORD '" + password + "'");
                st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO app");
                st.execute("GRANT ALTER ANY SCHEMA TO app");
            }
            Connection reader = DriverManager.getConnection(url, "reader", password);
            Connection app = DriverManager.getConnection(url, "app", password);
            return new SqlSandbox(url, admin, reader, app);
        } catch (SQLException e) {
            throw new CourseError("The sandbox database could not be set up: " + firstLine(e) + ".");
        }
    }

    /** The owner's connection: full rights. Use it to set up and to inspect, never for model SQL. */
    public Connection admin() {
        return admin;
    }

    /** The reader's connection: SELECT on the readable tables, nothing else. */
    public Connection readOnly() {
        return reader;
    }

    /**
     * An application account with every right on the tables (read, write, create, drop) but not a
     * database admin: what an app without a defence typically connects as. H2 still refuses it its
     * file functions, so model SQL run through it cannot touch the machine's files.
     */
    public Connection appUser() {
        return app;
    }

    /**
     * The result of running one statement.
     *
     * @param ran   true if the database executed it without an error
     * @param rows  the result rows as strings (at most 20), for a query
     * @param error the database's first error line, or "" if it ran
     */
    public record Execution(boolean ran, List<String> rows, String error) {}

    /** Runs {@code sql} on {@code connection} and reports what happened; never throws for bad SQL. */
    public static Execution run(Connection connection, String sql) {
        try (Statement st = connection.createStatement()) {
            st.setMaxRows(20);
            List<String> rows = new ArrayList<>();
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) row.append(c > 1 ? " | " : "").append(rs.getString(c));
                        rows.add(row.toString());
                    }
                }
            }
            return new Execution(true, rows, "");
        } catch (SQLException | RuntimeException e) {
            return new Execution(false, List.of(), firstLine(e));
        }
    }

    /**
     * What the owner sees: every user table with its row count, e.g. {@code {DEPARTMENTS=3, ...}}.
     * Compare it before and after to prove that nothing was dropped, added, deleted or inserted.
     */
    public Map<String, Long> fingerprint() {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) names.add(rs.getString(1));
            for (String name : names) {
                try (ResultSet c = st.getConnection().createStatement().executeQuery("SELECT COUNT(*) FROM \"" + name + "\"")) {
                    c.next();
                    counts.put(name, c.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new CourseError("The sandbox database could not be read: " + firstLine(e) + ".");
        }
        return counts;
    }

    /** The JDBC URL of this database (unique per sandbox). */
    public String url() {
        return url;
    }

    /**
     * Closes both connections; H2 drops an in-memory database when its last connection closes (an
     * explicit SHUTDOWN would wait about 4 s for H2's background writer to stop).
     */
    @Override
    public void close() {
        for (Connection c : List.of(reader, app, admin)) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a closed connection
            }
        }
    }

    static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
    }
}
