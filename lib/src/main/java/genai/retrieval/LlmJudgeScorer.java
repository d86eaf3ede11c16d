package genai.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import genai.Course;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.http.JsonClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A reranker made of a chat model: a pointwise yes/no judge read through logprobs. For each (question,
 * passage) pair it asks the model, on Ollama's {@code /api/chat}, whether the passage answers the
 * question, lets it write one token, and reads that token's {@code top_logprobs} (the course's Ollama 0.24.0 returns them; the
 * softmax of the raw logits, before temperature). The relevance score is
 * <pre>  P(yes) / (P(yes) + P(no))  </pre>
 * in [0, 1], where P(yes) adds the probabilities of every top candidate that reads "yes" once trimmed
 * and lower-cased ("Yes", " yes", "YES"), and P(no) likewise. This is the pointwise "yes/no" relevance
 * prompting of Nogueira et al., 2020 ("Document Ranking with a Pretrained Sequence-to-Sequence Model",
 * Findings of EMNLP), with a chat model in place of a fine-tuned T5. When neither word is among the
 * top {@value #TOP_LOGPROBS} candidates the score is 0.5 (no opinion), and {@link Judgement#abstained()}
 * says so.
 *
 * <p>It implements LangChain4j's {@link ScoringModel}, so {@code ReRankingContentAggregator} can use it
 * where it would use a cross-encoder. One request per pair, sent one after another: the question comes
 * before the passage in the prompt, so Ollama reuses the cached prefix for the next passage of the same
 * question. Cost: one prompt evaluation of about 100 to 200 tokens per pair.
 */
public final class LlmJudgeScorer implements ScoringModel {

    /** How many candidates Ollama returns for the one generated token (its maximum). */
    public static final int TOP_LOGPROBS = 20;

    static final String SYSTEM = "You check whether a passage answers a question. Reply with one word: yes or no.";

    private final JsonClient ollama;
    private final String model;

    /**
     * The judgement of one pair.
     *
     * @param pYes  probability of a "yes" first token, in [0, 1]
     * @param pNo   probability of a "no" first token, in [0, 1]
     * @param reply the token the model actually wrote (greedy)
     */
    public record Judgement(double pYes, double pNo, String reply) {
        /** P(yes) / (P(yes) + P(no)), or 0.5 when neither was among the candidates. */
        public double score() {
            return abstained() ? 0.5 : pYes / (pYes + pNo);
        }

        /** True when neither "yes" nor "no" was among the top candidates. */
        public boolean abstained() {
            return pYes + pNo == 0;
        }
    }

    /** A judge on {@code ollama} with the chat model {@code model} (for example {@code Course.config().chatModel()}). */
    public LlmJudgeScorer(JsonClient ollama, String model) {
        this.ollama = Objects.requireNonNull(ollama, "ollama");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A judge with the course's Ollama and chat model ({@code COURSE_CHAT_MODEL}). */
    public static LlmJudgeScorer withCourseModel() {
        return new LlmJudgeScorer(JsonClient.ollama(), Course.config().chatModel());
    }

    /** The request body for one pair: greedy, one token, 20 top logprobs. */
    ObjectNode requestBody(String question, String passage) {
        ObjectNode body = JsonClient.object().put("model", model).put("stream", false)
                .put("logprobs", true).put("top_logprobs", TOP_LOGPROBS);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content",
                "Question: " + question.strip() + "\n\nPassage:\n" + passage.strip()
                        + "\n\nDoes the passage answer the question? Reply yes or no.");
        body.putObject("options").put("temperature", 0).put("num_predict", 1);
        return body;
    }

    /**
     * Asks the model about one pair.
     *
     * @throws CourseError when Ollama fails, or answers without logprobs (an older Ollama)
     */
    public Judgement judge(String question, String passage) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(passage, "passage");
        JsonNode reply = ollama.post("/api/chat", requestBody(question, passage));
        return read(reply, ollama.baseUrl());
    }

    static Judgement read(JsonNode reply, String where) {
        JsonNode first = reply.path("logprobs").path(0);
        if (!first.path("top_logprobs").isArray()) {
            throw new CourseError("Ollama at " + where + " answered without logprobs, which the judge reads: "
                    + "use an Ollama that returns them, such as the " + CourseConfig.OLLAMA_VERSION + " that 'make up' installs.");
        }
        double yes = 0, no = 0;
        for (JsonNode candidate : first.path("top_logprobs")) {
            String word = candidate.path("token").asText().strip().toLowerCase(Locale.ROOT);
            double p = Math.exp(candidate.path("logprob").asDouble(Double.NEGATIVE_INFINITY));
            if (word.equals("yes")) yes += p;
            else if (word.equals("no")) no += p;
        }
        return new Judgement(yes, no, first.path("token").asText());
    }

    /** {@link Judgement#score()} for each segment, in order; token usage is not reported. */
    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<Double> scores = new ArrayList<>(segments.size());
        for (TextSegment s : segments) scores.add(judge(query, s.text()).score());
        return Response.from(scores);
    }
}
