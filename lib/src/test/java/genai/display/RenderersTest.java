package genai.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    private static XYChart lineChart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("t").build();
        chart.addSeries("y", new double[] {1, 2, 3}, new double[] {2, 4, 1});
        return chart;
    }

    @Test
    void aChartBecomesAPngOfItsSize() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Renderers.png(lineChart())));
        assertNotNull(image, "the bytes decode as an image");
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void aChartIsDescribedByItsTitleAxesAndSeries() {
        XYChart chart = new XYChartBuilder().title(" Loss per epoch ").xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.addSeries("train", new double[] {1, 2}, new double[] {0.9, 0.5});
        chart.addSeries("test", new double[] {1, 2}, new double[] {1.0, 0.7});
        assertEquals("Chart: Loss per epoch. x axis: epoch. y axis: loss. Series: train, test.", Renderers.describe(chart));
        assertEquals("Chart: t. Series: y.", Renderers.describe(lineChart()), "unset axis titles are left out");
    }

    @Test
    void aTableBecomesAnEscapedHtmlTable() {
        Table t = Table.create("scores",
                StringColumn.create("model", "a<b", "c&d"),
                DoubleColumn.create("accuracy", 0.5, 0.75));
        String html = Renderers.html(t);
        assertTrue(html.startsWith("<table class=\"dataframe\"><caption>scores</caption>"), html);
        assertTrue(html.contains("<th>model</th><th>accuracy</th>"), html);
        assertTrue(html.contains("<td>a&lt;b</td><td>0.5</td>"), html);
        assertTrue(html.contains("<td>c&amp;d</td><td>0.75</td>"), html);
        assertFalse(html.contains("more rows"));
    }

    @Test
    void aLongTableIsCutInTheMiddle() {
        Table t = Table.create("n", IntColumn.create("i", IntStream.range(0, 100).toArray()));
        String html = Renderers.html(t);
        long rows = html.split("<tr>", -1).length - 1;
        assertEquals(1 + 35 + 1 + 5, rows, "header, 35 head rows, the gap, 5 tail rows");
        assertTrue(html.contains("… 60 more rows …"));
        assertTrue(html.contains("<td>34</td>") && !html.contains("<td>35</td>") && html.contains("<td>99</td>"));
    }

    @Test
    void theExtensionMakesTheKernelShowChartsAsPngAndTablesAsHtml() throws IOException {
        Renderer renderer = new Renderer();
        RendererExtension.register(renderer);

        CategoryChart bars = new CategoryChartBuilder().width(200).height(100).build();
        bars.addSeries("s", List.of("a", "b"), List.of(1, 2));
        DisplayData chart = renderer.render(bars);
        Object png = chart.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png, "a chart is rendered as image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
        assertEquals(200, image.getWidth());

        assertEquals("Chart without a title. Series: s.", chart.getData(MIMEType.TEXT_PLAIN), "and described in words");

        DisplayData table = renderer.render(Table.create("t", StringColumn.create("c", "x")));
        assertTrue(((String) table.getData(MIMEType.TEXT_HTML)).contains("<td>x</td>"));
        assertNotNull(table.getData(MIMEType.TEXT_PLAIN), "a plain-text fallback for consoles");
    }
}
