/**
 * The course's helper library: what every notebook loads with its first cell ({@code %load setup.jsh}).
 *
 * <h2>What a notebook calls</h2>
 * <ul>
 *   <li>{@link genai.Course}: {@code setUp()} checks the services; {@code config()} and {@code dataDir()}.</li>
 *   <li>{@link genai.stack.CourseConfig}: the service URLs and model names read from the environment.</li>
 *   <li>{@link genai.http.JsonClient}: Ollama's and Chroma's REST APIs as JSON ({@code JsonClient.ollama().post(...)}).</li>
 *   <li>{@link genai.Models}: LangChain4j chat, base and streaming models with the course defaults, guarded.</li>
 *   <li>{@link genai.Embeddings}: the shared in-process all-MiniLM-L6-v2 model and cosine similarity.</li>
 *   <li>{@link genai.Stores}: Chroma collections as LangChain4j embedding stores, guarded.</li>
 *   <li>{@link genai.data.CourseData}: the course's data files as typed records and tables.</li>
 *   <li>{@link genai.data.DocumentFiles}: a PDF (page by page) or Markdown file a user brings, with one sentence per refusal
 *       (lesson 09 and the chat app).</li>
 *   <li>{@link genai.Labeler}: classification with a JSON-schema-constrained reply (taught in lesson 01).</li>
 *   <li>{@link genai.metrics.Stats}, {@link genai.display.Tables}: medians, percentiles, timings; rounding for tables.</li>
 *   <li>{@link genai.Checks}: the {@code check(...)} assertions of check cells.</li>
 *   <li>{@link genai.metrics}: evaluation metrics with their definitions and sources.</li>
 *   <li>{@link genai.guard}: guardrails and their evaluation (lesson 08), by OWASP Top 10 for LLM Applications 2025 risk.</li>
 * </ul>
 *
 * <h2>Plumbing (notebooks see its effects, not its names)</h2>
 * <ul>
 *   <li>{@link genai.http.ExceptionMapper}: the one translator from a failed call to a {@link genai.CourseError} sentence.</li>
 *   <li>{@link genai.http.ErrorMappingChatModel}, {@link genai.http.ErrorMappingStreamingChatModel}, {@link genai.http.ErrorMappingEmbeddingStore}:
 *       the wrappers {@link genai.Models} and {@link genai.Stores} return.</li>
 *   <li>{@link genai.stack.StackHealth}: the set-up checks behind {@code Course.setUp()}.</li>
 *   <li>{@link genai.display.RendererExtension}, {@link genai.display.Renderers}: JJava shows charts and tables through them.</li>
 * </ul>
 */
package genai;
