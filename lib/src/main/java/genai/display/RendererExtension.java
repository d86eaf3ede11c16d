package genai.display;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.util.Base64;

/**
 * Installed by JJava when the library's jar joins the classpath (META-INF/services): from then on a
 * cell that returns an XChart chart shows the picture and one that returns a Tablesaw table shows
 * an HTML table, with no display call in the notebook.
 *
 * <p>Plumbing: JJava calls it; notebooks never do.
 */
public class RendererExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        register(kernel.getRenderer());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void register(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG,
                            () -> Base64.getEncoder().encodeToString(Renderers.png((Chart) chart)));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Renderers.describe((Chart) chart));
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> Renderers.html(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                });
    }
}
