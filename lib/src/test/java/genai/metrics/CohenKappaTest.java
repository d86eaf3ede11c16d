package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CohenKappaTest {

    private static final double EPS = 1e-12;

    @Test
    void wikipediaGrantProposalExample() {
        // Worked example in Wikipedia's "Cohen's kappa" article: 50 grant proposals, readers A and B.
        //   both Yes 20, A Yes / B No 5, A No / B Yes 10, both No 15.
        //   p_o = (20 + 15) / 50 = 0.7
        //   A says Yes 25/50 = 0.5, B says Yes 30/50 = 0.6
        //   p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.3 + 0.2 = 0.5
        //   kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        add(a, b, "Yes", "Yes", 20);
        add(a, b, "Yes", "No", 5);
        add(a, b, "No", "Yes", 10);
        add(a, b, "No", "No", 15);
        assertEquals(0.7, CohenKappa.observedAgreement(a, b), EPS);
        assertEquals(0.5, CohenKappa.expectedAgreement(a, b), EPS);
        assertEquals(0.4, CohenKappa.kappa(a, b), EPS);

        // The same from the agreement table (rows A, columns B, order Yes, No).
        ConfusionMatrix table = new ConfusionMatrix(List.of("Yes", "No"), new int[][] {{20, 5}, {10, 15}});
        assertEquals(0.4, CohenKappa.kappa(table), EPS);
    }

    @Test
    void threeCategoriesByHand() {
        // rater1: a a a b b c     rater2: a a b b c c
        //   agreements at 0, 1, 3, 5 -> p_o = 4/6 = 2/3
        //   rater1 counts a 3, b 2, c 1; rater2 counts a 2, b 2, c 2
        //   p_e = (3*2 + 2*2 + 1*2) / 36 = 12/36 = 1/3
        //   kappa = (2/3 - 1/3) / (1 - 1/3) = (1/3) / (2/3) = 1/2
        List<String> r1 = List.of("a", "a", "a", "b", "b", "c");
        List<String> r2 = List.of("a", "a", "b", "b", "c", "c");
        assertEquals(2.0 / 3, CohenKappa.observedAgreement(r1, r2), EPS);
        assertEquals(1.0 / 3, CohenKappa.expectedAgreement(r1, r2), EPS);
        assertEquals(0.5, CohenKappa.kappa(r1, r2), EPS);
        assertEquals(0.5, CohenKappa.kappa(r2, r1), EPS, "kappa is symmetric in the raters");
    }

    @Test
    void perfectAgreementIsOne() {
        List<String> r = List.of("x", "y", "z", "x");
        assertEquals(1.0, CohenKappa.kappa(r, r), EPS);
    }

    @Test
    void chanceLevelAgreementIsZero() {
        // r1: a a b b, r2: a b a b -> p_o = 2/4; p_e = (2*2 + 2*2)/16 = 1/2 -> kappa = 0
        assertEquals(0.0, CohenKappa.kappa(List.of("a", "a", "b", "b"), List.of("a", "b", "a", "b")), EPS);
    }

    @Test
    void completeDisagreementIsNegative() {
        // r1: a b, r2: b a -> p_o = 0; p_e = (1*1 + 1*1)/4 = 1/2 -> kappa = (0 - 1/2)/(1/2) = -1
        assertEquals(-1.0, CohenKappa.kappa(List.of("a", "b"), List.of("b", "a")), EPS);
    }

    @Test
    void bothRatersUsingOneSameCategoryIsUndefined() {
        // p_o = 1 and p_e = 1 * 1 = 1: kappa = 0/0, returned as NaN (as scikit-learn does).
        assertTrue(Double.isNaN(CohenKappa.kappa(List.of("x", "x", "x"), List.of("x", "x", "x"))));
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CohenKappa.kappa(List.of(), List.of()));
        assertTrue(e.getMessage().contains("at least one"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CohenKappa.kappa(List.of("a"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("same items"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CohenKappa.kappa(new ConfusionMatrix(List.of("a", "b"), new int[2][2])));
        assertThrows(NullPointerException.class, () -> CohenKappa.kappa(null, List.of("a")));
    }

    private static void add(List<String> a, List<String> b, String labelA, String labelB, int times) {
        a.addAll(Collections.nCopies(times, labelA));
        b.addAll(Collections.nCopies(times, labelB));
    }
}
