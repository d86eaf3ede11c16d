package genai.display;

import genai.metrics.ConfusionMatrix;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    private static final ConfusionMatrix CM = new ConfusionMatrix(List.of("negative", "neutral", "positive"),
            new int[][] {{10, 0, 3}, {2, 7, 0}, {0, 1, 12}});

    @Test
    void aConfusionMatrixHeatMapStartsAtWhiteForZero() {
        var chart = Charts.confusionMatrix("t", CM, "actual", "predicted");
        assertEquals(Color.WHITE, chart.getStyler().getRangeColors()[0]);
        assertEquals(0, chart.getStyler().getMin());
        assertEquals(12, chart.getStyler().getMax());
        assertEquals(9, chart.getSeriesMap().get("count").getHeatData().size());
    }

    @Test
    void theZeroCellIsDrawnPaleAndTheLargestDark() {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = BitmapEncoder.getBufferedImage(Charts.confusionMatrix("t", CM, "actual", "predicted"));
        // XChart's default scale starts at orange (255, 165, 0): a zero would fail the first assertion.
        int darkest = 255 * 3;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() > 150 && c.getGreen() < 60 && c.getBlue() < 60) darkest = Math.min(darkest, c.getRed() + c.getGreen() + c.getBlue());
            }
        }
        Color zero = new Color(image.getRGB(cellCentreX(image, 1), cellCentreY(image, 0)));
        int palest = zero.getRed() + zero.getGreen() + zero.getBlue();
        assertTrue(palest > 700, "the cell of count 0 should be near white, was " + zero);
        assertTrue(darkest < 260, "the largest count should be dark red");
    }

    /** The plot area of a 560 × 380 chart with these axis labels spans about x 110..445, y 40..315 (3 × 3 cells). */
    private static int cellCentreX(BufferedImage image, int column) {
        return 110 + (445 - 110) * (2 * column + 1) / 6;
    }

    private static int cellCentreY(BufferedImage image, int row) {
        return 40 + (315 - 40) * (2 * row + 1) / 6;
    }
}
