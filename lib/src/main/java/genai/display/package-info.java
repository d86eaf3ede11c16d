/**
 * How results look in a notebook: XChart charts ({@link genai.display.Charts}), Tablesaw tables rounded
 * for reading ({@link genai.display.Tables}), and the JJava renderers that show both inline
 * ({@link genai.display.Renderers}, installed by {@link genai.display.RendererExtension} through
 * {@code META-INF/services} when {@code setup.jsh} loads the library).
 */
package genai.display;
