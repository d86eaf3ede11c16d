/**
 * Guardrails for LLM applications, organised by the OWASP Top 10 for LLM Applications 2025
 * (https://genai.owasp.org/llm-top-10/): what lesson 08 attacks and defends, kept here so the chat app
 * (lesson 09) can use the same checks.
 *
 * <h2>Deterministic defences (they hold whatever the model writes)</h2>
 * <ul>
 *   <li>{@link genai.guard.Canary}: per-run random tokens and exact-match leak detection (LLM07 System
 *       Prompt Leakage, LLM02 Sensitive Information Disclosure).</li>
 *   <li>{@link genai.guard.PiiRedactor}: e-mails, phone numbers and listed names masked (LLM02).</li>
 *   <li>{@link genai.guard.SqlGuard} and {@link genai.guard.SqlSandbox}: a JSqlParser 5.3 allow-list for
 *       model-written SQL and an H2 user that may only read the allowed tables (LLM05 Improper Output
 *       Handling; OWASP SQL Injection Prevention Cheat Sheet: allow-lists and least privilege).</li>
 *   <li>{@link genai.guard.HtmlOutput}: model text escaped with the OWASP Java Encoder before it is
 *       placed in HTML (LLM05; OWASP XSS Prevention Cheat Sheet).</li>
 *   <li>{@link genai.guard.BudgetedChat}: {@code num_predict}, a wall-clock budget per reply and a
 *       per-session token budget (LLM10 Unbounded Consumption). The agent's step and token budget is
 *       {@link genai.tools.StepBudget}, its confirmation step {@link genai.tools.ToolExecutor#confirmWith}
 *       (LLM06 Excessive Agency).</li>
 * </ul>
 *
 * <h2>Probabilistic defences (they lower the attack success rate; the lesson measures by how much)</h2>
 * <ul>
 *   <li>{@link genai.guard.Detector}, with {@link genai.guard.KeywordDetector} (regular expressions),
 *       {@link genai.guard.EmbeddingDetector} (cosine similarity to known attack phrasings with the
 *       in-process all-MiniLM-L6-v2, as in Rebuff's vector layer) and {@link genai.guard.LlmDetector}
 *       (an LLM classifier with a JSON-schema verdict, as in Llama Guard, Inan et al., 2023) (LLM01
 *       Prompt Injection).</li>
 *   <li>{@link genai.guard.Spotlight}: delimiting and datamarking of retrieved text (Hines et al., 2024,
 *       "Defending Against Indirect Prompt Injection Attacks With Spotlighting", arXiv:2403.14720).</li>
 *   <li>{@link genai.guard.Guardrails}: any detector, canary check or rewrite as a LangChain4j 1.11.0
 *       {@code InputGuardrail} / {@code OutputGuardrail}.</li>
 * </ul>
 *
 * <h2>Measuring</h2>
 * {@link genai.metrics.GuardEval}: per-row outcomes, attack success rate per family × defence with
 * Wilson intervals, false-positive rate on benign requests, the latency each defence adds, and a heat
 * map. Attack success is decided deterministically (canary or marker in the reply, statement executed,
 * tool executed, budget exceeded), following the benchmarks of Liu et al., 2024 ("Formalizing and
 * Benchmarking Prompt Injection Attacks and Defenses", USENIX Security) and Debenedetti et al., 2024
 * (AgentDojo).
 */
package genai.guard;
