/**
 * The stack the library runs against: where Ollama and Chroma are and which models to use
 * ({@link genai.stack.CourseConfig}, read once per JVM by {@link genai.stack.CourseStack}), whether they answer
 * ({@link genai.stack.StackHealth}, behind {@code Course.setUp()}), and what machine the figures came
 * from ({@link genai.stack.MachineReport}).
 */
package genai.stack;
