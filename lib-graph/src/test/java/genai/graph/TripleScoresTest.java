package genai.graph;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TripleScoresTest {

    static MenuGraph.Triple t(String s, String r, String o) {
        return new MenuGraph.Triple(s, r, o);
    }

    @Test
    void normalisesAccentsCasePricesAndPluralDays() {
        assertEquals("tiramisu", TripleScores.normalise("Tiramisù"));
        assertEquals("13.50", TripleScores.normalise("€13.5"));
        assertEquals("13.50", TripleScores.normalise("13,50"));
        assertEquals("monday", TripleScores.normalise("Mondays"));
        assertEquals("moussaka a", TripleScores.normalise("Moussaka'a"));
    }

    @Test
    void countsPerRelationWithDuplicatesOnceAndIntervals() {
        var truth = List.of(t("Shiro", "COSTS", "13.00"), t("Shiro", "CONTAINS", "gluten"), t("Gomen", "CONTAINS", "gluten"));
        var extracted = List.of(t("shiro", "costs", "€13"), t("Shiro", "CONTAINS", "Gluten"), t("Shiro", "CONTAINS", "gluten"),
                t("Shiro", "CONTAINS", "milk"), t("Shiro", "IS_A", "stew"));
        var rows = TripleScores.score(extracted, truth, List.of("COSTS", "CONTAINS", "OPEN_ON"));
        var costs = rows.get(0);
        assertEquals(1, costs.correct());
        assertEquals(1.0, costs.precision().value());
        assertEquals(1.0, costs.f1());
        var contains = rows.get(1);
        assertEquals(1, contains.correct());
        assertEquals(2, contains.extracted(), "'Gluten' and 'gluten' are one triple");
        assertEquals(2, contains.truth());
        assertEquals(0.5, contains.f1(), 1e-9);
        assertTrue(contains.precision().low() < 0.5 && contains.precision().high() > 0.5);
        var openOn = rows.get(2);
        assertNull(openOn.precision());
        assertNull(openOn.recall());
        assertEquals(0, openOn.f1());
        var all = rows.get(3);
        assertEquals("all", all.relation());
        assertEquals(2, all.correct());
        assertEquals(3, all.extracted(), "IS_A is in no reported type");
        assertEquals(3, all.truth());
    }
}
