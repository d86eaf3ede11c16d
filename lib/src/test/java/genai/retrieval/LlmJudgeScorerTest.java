package genai.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.http.JsonClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LlmJudgeScorerTest {

    static JsonNode reply(String json) throws Exception {
        return JsonClient.json().readTree(json);
    }

    static final String YES_AND_NO = """
            {"message":{"role":"assistant","content":"Yes"},
             "logprobs":[{"token":"Yes","logprob":-0.5,"top_logprobs":[
               {"token":"Yes","logprob":-0.5},{"token":" yes","logprob":-3.0},{"token":"No","logprob":-1.5},
               {"token":"The","logprob":-2.0},{"token":"NO","logprob":-4.0}]}]}""";

    @Test
    void scoreIsYesOverYesPlusNoAcrossSpellings() throws Exception {
        var j = LlmJudgeScorer.read(reply(YES_AND_NO), "http://x");
        double yes = Math.exp(-0.5) + Math.exp(-3.0), no = Math.exp(-1.5) + Math.exp(-4.0);
        assertEquals(yes, j.pYes(), 1e-12);
        assertEquals(no, j.pNo(), 1e-12);
        assertEquals(yes / (yes + no), j.score(), 1e-12);
        assertEquals("Yes", j.reply());
        assertFalse(j.abstained());
    }

    @Test
    void neitherWordMeansNoOpinion() throws Exception {
        var j = LlmJudgeScorer.read(reply("""
                {"logprobs":[{"token":"The","logprob":-0.1,"top_logprobs":[{"token":"The","logprob":-0.1}]}]}"""), "http://x");
        assertTrue(j.abstained());
        assertEquals(0.5, j.score());
    }

    @Test
    void aReplyWithoutLogprobsIsOneSentence() throws Exception {
        var e = assertThrows(CourseError.class, () -> LlmJudgeScorer.read(reply("{\"message\":{\"content\":\"yes\"}}"), "http://h:1"));
        assertTrue(e.getMessage().startsWith("Ollama at http://h:1 answered without logprobs"), e.getMessage());
    }

    @Test
    void requestAsksForOneGreedyTokenWithTopLogprobsQuestionFirst() {
        var judge = new LlmJudgeScorer(new JsonClient("http://127.0.0.1:1", Duration.ofSeconds(1), CourseConfig.from(Map.of())), "m:1");
        var body = judge.requestBody(" Where? ", "Here.");
        assertEquals("m:1", body.get("model").asText());
        assertTrue(body.get("logprobs").asBoolean());
        assertEquals(20, body.get("top_logprobs").asInt());
        assertEquals(1, body.at("/options/num_predict").asInt());
        assertEquals(0, body.at("/options/temperature").asInt());
        String user = body.at("/messages/1/content").asText();
        assertTrue(user.startsWith("Question: Where?\n\nPassage:\nHere."), user);
    }

    @Test
    void scoresEveryPairThroughOllamasChatEndpoint() throws Exception {
        try (var stub = new genai.http.HttpStubAccess(Map.of("/api/chat", YES_AND_NO))) {
            var judge = new LlmJudgeScorer(new JsonClient(stub.url(), Duration.ofSeconds(5), CourseConfig.from(Map.of("OLLAMA_BASE_URL", stub.url()))), "m:1");
            var scores = judge.scoreAll(List.of(TextSegment.from("a"), TextSegment.from("b")), "q").content();
            assertEquals(2, scores.size());
            assertTrue(scores.get(0) > 0.5);
            assertEquals(List.of("POST /api/chat", "POST /api/chat"), stub.requests());
        }
    }
}
