package genai.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 22, point 1: JSqlParser's TablesNamesFinder skips some clauses (JSqlParser #2516, #2478), so an
 * allow-list built on it let a forbidden table or function through outside WHERE and FROM.
 */
class SqlGuardClausesTest {

    private final SqlGuard guard = SqlGuard.allowing(SqlSandbox.SCHOOL_READABLE);

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT name FROM students WHERE id IN (SELECT id FROM staff_accounts)",
            "SELECT name FROM students ORDER BY (SELECT MAX(salary) FROM staff_accounts)",
            "SELECT department_id FROM students GROUP BY (SELECT MAX(salary) FROM staff_accounts), department_id",
            "SELECT department_id FROM students GROUP BY department_id HAVING COUNT(*) > (SELECT COUNT(*) FROM staff_accounts)",
            "SELECT name FROM students OFFSET (SELECT COUNT(*) FROM staff_accounts) ROWS",
            "SELECT name FROM students FETCH FIRST (SELECT COUNT(*) FROM staff_accounts) ROWS ONLY",
            "SELECT name FROM students LIMIT (SELECT COUNT(*) FROM staff_accounts)",
            "SELECT name FROM students ORDER BY CASE WHEN (SELECT MAX(salary) FROM staff_accounts) > 1000 THEN name END",
            "SELECT name FROM students ORDER BY UPPER((SELECT MAX(email) FROM staff_accounts))",
            "SELECT name, CAST((SELECT MAX(salary) FROM staff_accounts) AS VARCHAR) FROM students",
            "SELECT name FROM students s JOIN departments d ON d.id = (SELECT MIN(id) FROM staff_accounts)",
            "SELECT COUNT(*) OVER (ORDER BY (SELECT MAX(salary) FROM staff_accounts)) FROM students",
            "SELECT name FROM students WHERE EXISTS (SELECT 1 FROM staff_accounts WHERE salary > 10)",
            "SELECT name FROM students WHERE id = ANY (SELECT id FROM staff_accounts)",
    })
    void aForbiddenTableIsRefusedInEveryClause(String sql) {
        SqlGuard.Verdict v = guard.check(sql);
        assertFalse(v.allowed(), sql + " -> " + v);
        assertTrue(v.tables().contains("STAFF_ACCOUNTS") || v.reason().contains("classify") || v.kind().equals("unparsable"), sql + " -> " + v);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT name FROM students ORDER BY DATABASE_PATH()",
            "SELECT department_id FROM students GROUP BY department_id, SESSION_ID()",
            "SELECT department_id FROM students GROUP BY department_id HAVING LENGTH(FILE_READ('/etc/hostname')) > 0",
            "SELECT name FROM students OFFSET LENGTH(DATABASE_PATH()) ROWS",
            "SELECT name FROM students FETCH FIRST LENGTH(DATABASE_PATH()) ROWS ONLY",
            "SELECT name FROM students WHERE UPPER(FILE_READ('/etc/hostname')) = 'X'",
            "SELECT CASE WHEN id > 1 THEN DATABASE_PATH() END FROM students",
            "SELECT ROW_NUMBER() OVER (ORDER BY DATABASE_PATH()) FROM students",
    })
    void aForbiddenFunctionIsRefusedInEveryClause(String sql) {
        SqlGuard.Verdict v = guard.check(sql);
        assertFalse(v.allowed(), sql + " -> " + v);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT name FROM students WHERE id = NEXT VALUE FOR some_sequence",
            "SELECT name FROM students WHERE id = @x",
            "SELECT name FROM students FOR UPDATE",
    })
    void whatTheGuardCannotClassifyIsRefused(String sql) {
        assertFalse(guard.check(sql).allowed(), sql);
    }

    @Test
    void ordinaryReportingQueriesInEveryClauseStillPass() {
        for (String sql : List.of(
                "SELECT s.name FROM students s JOIN departments d ON s.department_id = d.id WHERE d.name = 'Physics' ORDER BY s.name",
                "SELECT department_id, COUNT(*) FROM students GROUP BY department_id HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC",
                "SELECT name FROM students ORDER BY (SELECT MAX(id) FROM departments) OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY",
                "SELECT name FROM students LIMIT 3",
                "WITH p AS (SELECT * FROM students WHERE department_id = 1) SELECT name FROM p ORDER BY UPPER(name)",
                "SELECT CASE WHEN enrolled_year > 2020 THEN 'new' ELSE 'old' END AS cohort, CAST(id AS VARCHAR) FROM students",
                "SELECT ROW_NUMBER() OVER (ORDER BY name) AS n, name FROM students",
                "SELECT name FROM students WHERE enrolled_year BETWEEN 2019 AND 2022 AND name LIKE 'A%' AND department_id IS NOT NULL")) {
            SqlGuard.Verdict v = guard.check(sql);
            assertTrue(v.allowed(), sql + " -> " + v);
        }
    }

    @Test
    void theTablesNamesFinderGuardIsKeptAsTheContrastAndStillMissesOrderBy() {
        String sql = "SELECT name FROM students ORDER BY (SELECT MAX(salary) FROM staff_accounts)";
        assertTrue(SqlGuard.allowingByTablesNamesFinder(SqlSandbox.SCHOOL_READABLE).check(sql).allowed(),
                "if JSqlParser's finder now sees ORDER BY, lesson 08's before/after table has no bypass to show");
        assertFalse(guard.check(sql).allowed());
    }
}
