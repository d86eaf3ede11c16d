package genai.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationTest {

    private static final double EPS = 1e-12;

    // Hand example used by several tests.
    //   index:      0    1    2    3    4    5    6     7
    //   actual:    cat  cat  cat  cat  dog  dog  bird  bird
    //   predicted: cat  cat  cat  dog  dog  cat  cat   bird
    private static final List<String> ACTUAL = List.of("cat", "cat", "cat", "cat", "dog", "dog", "bird", "bird");
    private static final List<String> PREDICTED = List.of("cat", "cat", "cat", "dog", "dog", "cat", "cat", "bird");

    @Test
    void accuracyIsTheFractionOfCorrectPredictions() {
        // Correct at indices 0, 1, 2, 4, 7: 5 of 8.
        assertEquals(5.0 / 8, Classification.accuracy(ACTUAL, PREDICTED), EPS);
    }

    @Test
    void perClassPrecisionRecallAndF1ByHand() {
        // cat:  TP = 3 (0,1,2); FP = 2 (5: dog->cat, 6: bird->cat); FN = 1 (3: cat->dog)
        //       P = 3/5, R = 3/4, F1 = 2(3/5)(3/4) / (3/5 + 3/4) = (18/20) / (27/20) = 2/3
        // dog:  TP = 1 (4); FP = 1 (3); FN = 1 (5)          -> P = 1/2, R = 1/2, F1 = 1/2
        // bird: TP = 1 (7); FP = 0;     FN = 1 (6)          -> P = 1,   R = 1/2, F1 = 2(1)(1/2)/(3/2) = 2/3
        assertEquals(3.0 / 5, Classification.precision(ACTUAL, PREDICTED, "cat"), EPS);
        assertEquals(3.0 / 4, Classification.recall(ACTUAL, PREDICTED, "cat"), EPS);
        assertEquals(2.0 / 3, Classification.f1(ACTUAL, PREDICTED, "cat"), EPS);
        assertEquals(1.0 / 2, Classification.precision(ACTUAL, PREDICTED, "dog"), EPS);
        assertEquals(1.0 / 2, Classification.recall(ACTUAL, PREDICTED, "dog"), EPS);
        assertEquals(1.0 / 2, Classification.f1(ACTUAL, PREDICTED, "dog"), EPS);
        assertEquals(1.0, Classification.precision(ACTUAL, PREDICTED, "bird"), EPS);
        assertEquals(1.0 / 2, Classification.recall(ACTUAL, PREDICTED, "bird"), EPS);
        assertEquals(2.0 / 3, Classification.f1(ACTUAL, PREDICTED, "bird"), EPS);

        Map<String, PrecisionRecallF1> each = Classification.perClass(ACTUAL, PREDICTED);
        assertEquals(List.of("bird", "cat", "dog"), List.copyOf(each.keySet()), "default order: sorted union");
        assertEquals(3.0 / 5, each.get("cat").precision(), EPS);
        assertEquals(1.0 / 2, each.get("bird").recall(), EPS);
    }

    @Test
    void macroAveragesAreUnweightedMeansOfThePerClassValues() {
        // From the per-class values above:
        //   macro P  = (3/5 + 1/2 + 1) / 3   = 2.1 / 3  = 0.7
        //   macro R  = (3/4 + 1/2 + 1/2) / 3 = 1.75 / 3 = 7/12
        //   macro F1 = (2/3 + 1/2 + 2/3) / 3 = (11/6) / 3 = 11/18
        // Macro F1 is the mean of per-class F1, not F1(macro P, macro R) = 2(0.7)(7/12)/(0.7 + 7/12) = 0.6364.
        PrecisionRecallF1 macro = Classification.macro(ACTUAL, PREDICTED);
        assertEquals(0.7, macro.precision(), EPS);
        assertEquals(7.0 / 12, macro.recall(), EPS);
        assertEquals(11.0 / 18, macro.f1(), EPS);
        assertNotEquals(PrecisionRecallF1.f1(0.7, 7.0 / 12), macro.f1(), 1e-3);
        assertEquals(0.7, Classification.macroPrecision(ACTUAL, PREDICTED), EPS);
        assertEquals(7.0 / 12, Classification.macroRecall(ACTUAL, PREDICTED), EPS);
        assertEquals(11.0 / 18, Classification.macroF1(ACTUAL, PREDICTED), EPS);
    }

    @Test
    void confusionMatrixRowsAreActualAndColumnsArePredicted() {
        // Labels sorted: bird, cat, dog.
        //   actual bird: idx 6 -> cat, idx 7 -> bird          -> [1, 1, 0]
        //   actual cat:  idx 0,1,2 -> cat, idx 3 -> dog       -> [0, 3, 1]
        //   actual dog:  idx 4 -> dog, idx 5 -> cat           -> [0, 1, 1]
        ConfusionMatrix m = Classification.confusionMatrix(ACTUAL, PREDICTED);
        assertEquals(List.of("bird", "cat", "dog"), m.labels());
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 3, 1}, {0, 1, 1}}, m.counts());
        assertEquals(3, m.count("cat", "cat"));
        assertEquals(1, m.count("cat", "dog"));
        assertEquals(8, m.total());
        assertEquals(5, m.correct());
        assertEquals(4, m.actualTotal("cat"), "row sum");
        assertEquals(5, m.predictedTotal("cat"), "column sum");
    }

    @Test
    void confusionMatrixFollowsAGivenLabelOrder() {
        ConfusionMatrix m = Classification.confusionMatrix(ACTUAL, PREDICTED, List.of("dog", "cat", "bird"));
        assertEquals(List.of("dog", "cat", "bird"), m.labels());
        assertArrayEquals(new int[][] {{1, 1, 0}, {1, 3, 0}, {0, 1, 1}}, m.counts());
    }

    @Test
    void scikitLearnConfusionMatrixExample() {
        // scikit-learn documentation, sklearn.metrics.confusion_matrix, Examples:
        //   y_true = ["cat", "ant", "cat", "cat", "ant", "bird"]
        //   y_pred = ["ant", "ant", "cat", "cat", "ant", "cat"]
        //   confusion_matrix(y_true, y_pred, labels=["ant", "bird", "cat"])
        //   -> [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
        List<String> yTrue = List.of("cat", "ant", "cat", "cat", "ant", "bird");
        List<String> yPred = List.of("ant", "ant", "cat", "cat", "ant", "cat");
        int[][] expected = {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}};
        assertArrayEquals(expected, Classification.confusionMatrix(yTrue, yPred, List.of("ant", "bird", "cat")).counts());
        // The same page's numeric example, y_true = [2,0,2,2,0,1], y_pred = [0,0,2,2,0,2], gives the same matrix.
        assertArrayEquals(expected, Classification.confusionMatrix(
                List.of("2", "0", "2", "2", "0", "1"), List.of("0", "0", "2", "2", "0", "2")).counts());
    }

    @Test
    void scikitLearnPrecisionRecallFscoreSupportExample() {
        // scikit-learn documentation, sklearn.metrics.precision_recall_fscore_support, Examples:
        //   y_true = ['cat', 'dog', 'pig', 'cat', 'dog', 'pig']
        //   y_pred = ['cat', 'pig', 'dog', 'cat', 'cat', 'dog']
        //   average='macro' -> (0.222, 0.333, 0.267)
        //   average=None, labels=['pig', 'dog', 'cat'] -> P [0, 0, 0.66], R [0, 0, 1], F [0, 0, 0.8]
        // By hand: cat TP 2, FP 1, FN 0 -> P 2/3, R 1, F1 0.8; dog and pig have TP 0 -> all 0.
        //   macro P = (2/3)/3 = 2/9, R = 1/3, F1 = 0.8/3 = 4/15.
        List<String> yTrue = List.of("cat", "dog", "pig", "cat", "dog", "pig");
        List<String> yPred = List.of("cat", "pig", "dog", "cat", "cat", "dog");
        PrecisionRecallF1 macro = Classification.macro(yTrue, yPred);
        assertEquals(2.0 / 9, macro.precision(), EPS);
        assertEquals(1.0 / 3, macro.recall(), EPS);
        assertEquals(4.0 / 15, macro.f1(), EPS);
        assertEquals(0.222, macro.precision(), 1e-3);
        assertEquals(0.333, macro.recall(), 1e-3);
        assertEquals(0.267, macro.f1(), 1e-3);

        Map<String, PrecisionRecallF1> each = Classification.perClass(yTrue, yPred, List.of("pig", "dog", "cat"));
        assertEquals(List.of("pig", "dog", "cat"), List.copyOf(each.keySet()));
        assertEquals(new PrecisionRecallF1(0, 0, 0), each.get("pig"));
        assertEquals(new PrecisionRecallF1(0, 0, 0), each.get("dog"));
        assertEquals(2.0 / 3, each.get("cat").precision(), EPS);
        assertEquals(1.0, each.get("cat").recall(), EPS);
        assertEquals(0.8, each.get("cat").f1(), EPS);
    }

    @Test
    void perfectPredictionsScoreOne() {
        List<String> labels = List.of("a", "b", "c", "a");
        assertEquals(1.0, Classification.accuracy(labels, labels), EPS);
        assertEquals(new PrecisionRecallF1(1, 1, 1), Classification.macro(labels, labels));
        assertArrayEquals(new int[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}, Classification.confusionMatrix(labels, labels).counts());
    }

    @Test
    void nothingInCommonScoresZeroWithoutNaN() {
        // actual all "a", predicted all "b":
        //   a: TP 0, FP 0 (never predicted: 0/0 -> 0), FN 2 -> P 0, R 0/2 = 0, F1 0 (P + R = 0)
        //   b: TP 0, FP 2, FN 0 (never actual: 0/0 -> 0)    -> P 0/2 = 0, R 0, F1 0
        List<String> actual = List.of("a", "a");
        List<String> predicted = List.of("b", "b");
        assertEquals(0.0, Classification.accuracy(actual, predicted), EPS);
        assertEquals(new PrecisionRecallF1(0, 0, 0), Classification.macro(actual, predicted));
        assertArrayEquals(new int[][] {{0, 2}, {0, 0}}, Classification.confusionMatrix(actual, predicted).counts());
    }

    @Test
    void zeroDenominatorsGiveZero() {
        List<String> actual = List.of("a", "a", "b");
        List<String> predicted = List.of("a", "a", "a");
        // "b" is never predicted: precision 0/0 -> 0; its recall is 0/1 = 0.
        assertEquals(0.0, Classification.precision(actual, predicted, "b"), EPS);
        assertEquals(0.0, Classification.recall(actual, predicted, "b"), EPS);
        // A label that occurs nowhere: every ratio is 0/0 -> 0.
        assertEquals(new PrecisionRecallF1(0, 0, 0), Classification.scores(actual, predicted, "zebra"));
    }

    @Test
    void anExplicitLabelThatNeverOccursPullsTheMacroAverageDown() {
        // a and b are perfect (P = R = F1 = 1); c never occurs (0 by convention): macro = (1 + 1 + 0) / 3 = 2/3.
        List<String> labels = List.of("a", "b");
        PrecisionRecallF1 macro = Classification.macro(labels, labels, List.of("a", "b", "c"));
        assertEquals(2.0 / 3, macro.precision(), EPS);
        assertEquals(2.0 / 3, macro.recall(), EPS);
        assertEquals(2.0 / 3, macro.f1(), EPS);
        assertArrayEquals(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}},
                Classification.confusionMatrix(labels, labels, List.of("a", "b", "c")).counts());
    }

    @Test
    void badInputIsRejectedWithASentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classification.accuracy(List.of(), List.of()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Classification.accuracy(List.of("a"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Classification.macro(List.of(), List.of()));
        assertThrows(NullPointerException.class, () -> Classification.accuracy(null, List.of("a")));
        assertThrows(NullPointerException.class, () -> Classification.accuracy(java.util.Arrays.asList("a", null), List.of("a", "b")));
        e = assertThrows(IllegalArgumentException.class,
                () -> Classification.confusionMatrix(List.of("a", "b"), List.of("a", "c"), List.of("a", "b")));
        assertTrue(e.getMessage().contains("'c'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Classification.confusionMatrix(List.of("a"), List.of("a"), List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> Classification.perClass(List.of("a"), List.of("a"), List.of()));
    }

    @Test
    void confusionMatrixIsImmutableAndComparesByContent() {
        int[][] counts = {{1, 2}, {3, 4}};
        ConfusionMatrix m = new ConfusionMatrix(List.of("x", "y"), counts);
        counts[0][0] = 99;
        assertEquals(1, m.count("x", "x"), "the constructor copies");
        m.counts()[0][0] = 99;
        assertEquals(1, m.count("x", "x"), "the accessor copies");
        assertEquals(new ConfusionMatrix(List.of("x", "y"), new int[][] {{1, 2}, {3, 4}}), m);
        assertEquals(new ConfusionMatrix(List.of("x", "y"), new int[][] {{1, 2}, {3, 4}}).hashCode(), m.hashCode());
        assertTrue(m.toString().contains("actual \\ predicted"), m.toString());
        assertThrows(IllegalArgumentException.class, () -> m.count("z", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(List.of("x"), new int[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(List.of("x"), new int[][] {{-1}}));
    }
}
