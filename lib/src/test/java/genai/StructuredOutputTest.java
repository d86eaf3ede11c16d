package genai;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import genai.http.JsonClient;

class StructuredOutputTest {

    @Test
    void aFinishedReplyIsParsed() throws Exception {
        var reply = JsonClient.json().readTree("{\"message\":{\"content\":\"{\\\"essay\\\": \\\"Lights.\\\"}\"},\"done_reason\":\"stop\"}");
        assertEquals("Lights.", StructuredOutput.parse(reply).get("essay").asText());
    }

    @Test
    void aReplyCutOffByTheBudgetIsRefusedWithOneSentence() throws Exception {
        // ollama/ollama#2577: {"essay": string} with num_predict 40 ends mid-string with done_reason "length".
        var reply = JsonClient.json().readTree("{\"response\":\"{\\\"essay\\\": \\\"Lighthouses have guided ships for\",\"done_reason\":\"length\",\"eval_count\":40}");
        var e = assertThrows(StructuredOutput.IncompleteReply.class, () -> StructuredOutput.parse(reply));
        assertEquals("The model's JSON reply was cut off by the token budget after 40 tokens before it was complete, so it is"
                + " not read: raise num_predict (maxOutputTokens in LangChain4j) or ask for a shorter answer.", e.getMessage());
    }

    @Test
    void theLangChain4jPathChecksTheFinishReasonToo() {
        var cut = ChatResponse.builder().aiMessage(AiMessage.from("{\"essay\": \"Light")).finishReason(FinishReason.LENGTH)
                .tokenUsage(new TokenUsage(10, 40)).build();
        assertTrue(assertThrows(CourseError.class, () -> StructuredOutput.parse(cut)).getMessage().contains("after 40 tokens"));
        var done = ChatResponse.builder().aiMessage(AiMessage.from("{\"n\": 3}")).finishReason(FinishReason.STOP).build();
        assertEquals(3, StructuredOutput.parse(done).get("n").asInt());
    }

    @Test
    void finishedTextThatIsNotJsonSaysHowToGetJson() throws Exception {
        var reply = JsonClient.json().readTree("{\"response\":\"Sure! Here it is\",\"done_reason\":\"stop\"}");
        assertTrue(assertThrows(CourseError.class, () -> StructuredOutput.parse(reply)).getMessage()
                .startsWith("The model's reply finished but is not JSON (Sure! Here it is)"));
    }
}
