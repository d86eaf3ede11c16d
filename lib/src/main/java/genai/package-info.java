/**
 * The course's helper library; this package is its facade: what a notebook calls by name after
 * {@code %load setup.jsh}. The layers below it are packages named for their job (see ARCHITECTURE.md).
 *
 * <h2>The facade (this package)</h2>
 * <ul>
 *   <li>{@link genai.Course}: {@code setUp()} checks the services; {@code config()}, {@code dataDir()},
 *       {@code explain()} for a raw HTTP call. Each delegates to its layer.</li>
 *   <li>{@link genai.Models}: LangChain4j chat, base and streaming models with the course defaults, errors mapped.</li>
 *   <li>{@link genai.Embeddings}: the shared in-process all-MiniLM-L6-v2 model and cosine similarity.</li>
 *   <li>{@link genai.Stores}: Chroma collections as LangChain4j embedding stores, errors mapped.</li>
 *   <li>{@link genai.Parallel}: independent model calls, as many at once as Ollama has slots.</li>
 *   <li>{@link genai.Labeler}, {@link genai.StructuredOutput}: classification and replies constrained by a JSON schema.</li>
 *   <li>{@link genai.ModelInfo}: what Ollama says about a model (capabilities, context window, template).</li>
 *   <li>{@link genai.Checks}: the {@code check(...)} assertions of check cells.</li>
 *   <li>{@link genai.CourseError}: the one-sentence error every layer throws.</li>
 * </ul>
 *
 * <h2>The layers</h2>
 * <ul>
 *   <li>{@link genai.http}: JSON client, LangChain4j transport, Chroma client, the error mapper.</li>
 *   <li>{@link genai.data}: the course's data files and user documents.</li>
 *   <li>{@link genai.metrics}: every measurement, with its definition and source.</li>
 *   <li>{@link genai.stack}: configuration, service health, machine report.</li>
 *   <li>{@link genai.display}: charts, tables and their notebook renderers.</li>
 * </ul>
 *
 * <h2>Lesson modules</h2>
 * {@link genai.tools} (07), {@link genai.guard} (08), {@link genai.retrieval} (12), {@link genai.gguf} (10),
 * {@link genai.mcp} (07): a lesson's own subject, built on the facade and the layers.
 */
package genai;
