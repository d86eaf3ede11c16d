/**
 * The data the course ships and the documents a user brings, as typed records, tables and LangChain4j
 * documents.
 *
 * <ul>
 *   <li>{@link genai.data.DataDir}: the {@code data/} folder and the one rule: a missing or unreadable
 *       course file is one {@link genai.CourseError} sentence naming it.</li>
 *   <li>{@link genai.data.CourseData}: the handbook, sentiment, catalogue, summaries, judge, essay and
 *       security sets; any CSV as a Tablesaw table.</li>
 *   <li>{@link genai.data.ToolData}: lesson 07's labelled requests and word problems, the shop's stock
 *       and orders.</li>
 *   <li>{@link genai.data.DocumentFiles}: a PDF or Markdown file a user brings, one sentence per refusal.</li>
 *   <li>{@link genai.data.Texts}, {@link genai.data.EmojiNames}: clean-up before splitting and embedding.</li>
 * </ul>
 * Every loader reads through {@link genai.data.DataDir}; nothing here calls a service.
 */
package genai.data;
