/**
 * Tools for lesson 07 (and the agent that lesson 08 attacks): tool specifications as JSON Schema
 * ({@link genai.tools.ToolSpec}), a validating executor that never runs an unknown tool or a call
 * whose arguments break the schema ({@link genai.tools.ToolExecutor}), tool choice forced through
 * Ollama's {@code format} for models without native tool calling ({@link genai.tools.ForcedToolChoice}),
 * step and token budgets ({@link genai.tools.StepBudget}), the agent loop with its transcript
 * ({@link genai.tools.Agent}), the course shop the tools act on (catalogue from {@code data/catalogue},
 * stock and orders in an in-memory H2 database: {@link genai.tools.Shop}). The labelled sets and the
 * shop's CSV files are read by {@link genai.data.ToolData}; scoring the calls and answers is
 * {@link genai.metrics.ToolEval} and {@link genai.metrics.Reasoning}.
 */
package genai.tools;
