/**
 * Retrieval beyond one vector search (lesson 12): BM25 keyword search with Apache Lucene
 * ({@link genai.retrieval.Bm25Index}), chunk ids shared with lesson 04's Chroma collection and an
 * incremental index ({@link genai.retrieval.Chunks}), a second in-process embedding model
 * ({@link genai.retrieval.Bge}), a chat model as a yes/no reranker through logprobs
 * ({@link genai.retrieval.LlmJudgeScorer}, a LangChain4j {@code ScoringModel}), and one row of a
 * measured comparison ({@link genai.retrieval.RetrievalEval}). Fusion itself is LangChain4j's
 * ({@code ReciprocalRankFuser}, {@code DefaultContentAggregator}); nothing here re-implements it.
 */
package genai.retrieval;
