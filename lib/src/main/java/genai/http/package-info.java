/**
 * The HTTP and error layer: how the library talks to Ollama and Chroma, and how every failure of that
 * talk becomes one {@link genai.CourseError} sentence.
 *
 * <ul>
 *   <li>{@link genai.http.JsonClient}: JSON over the JDK's {@code HttpClient} to one service
 *       ({@code JsonClient.ollama()}, {@code JsonClient.chroma()}); the only place the library's own
 *       requests are sent.</li>
 *   <li>{@link genai.http.OllamaTransport}: the HTTP transport LangChain4j's Ollama models use (no
 *       truncated prompts, Ollama's error lines reported).</li>
 *   <li>{@link genai.http.ChromaClient}: Chroma's collection calls the embedding store lacks (ids,
 *       counts, deletes, name checks).</li>
 *   <li>{@link genai.http.ExceptionMapper}: the one translator from a failed call to a sentence (named as
 *       LangChain4j's {@code internal.ExceptionMapper}).</li>
 *   <li>{@link genai.http.ErrorMappingChatModel}, {@link genai.http.ErrorMappingStreamingChatModel},
 *       {@link genai.http.ErrorMappingEmbeddingStore}: LangChain4j models and stores whose errors go
 *       through that translator; {@link genai.Models} and {@link genai.Stores} return them.</li>
 * </ul>
 * Depends on {@code genai.stack} (where the services are) and {@link genai.CourseError}, never on the facade.
 */
package genai.http;
