package genai.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 22, point 7: the same content uploaded under several names is stored once. */
class ChatUploadTest {

    static OllamaStub ollama;
    static ChatApp app;

    @BeforeAll
    static void start() throws IOException {
        ollama = new OllamaStub();
        app = ollama.startAppWithoutMenus("You are a test guide. Cite the menu.");
    }

    @AfterAll
    static void stop() {
        app.close();
        ollama.close();
    }

    @Test
    void theSameMenuUnderThreeNamesIsStoredOnceAndAnswersCiteItOnce() {
        ChatClient browser = new ChatClient(app.url());
        byte[] menu = ChatAppTest.MENU.getBytes(StandardCharsets.UTF_8);
        ChatClient.Upload first = browser.upload("menu.md", menu);
        assertEquals(200, first.status());
        assertTrue(first.segments() > 0);
        ChatClient.Upload second = browser.upload("menu (1).md", menu);
        ChatClient.Upload third = browser.upload("menu (2).md", menu);
        assertEquals(200, second.status());
        assertEquals(0, second.segments(), "the same content was stored again under another name");
        assertEquals(0, third.segments());
        var sources = browser.ask("Where can I eat saffron risotto?").sources();
        assertEquals(sources.size(), sources.stream().map(ChatClient.Source::id).distinct().count());
        assertEquals(1, sources.stream().map(ChatClient.Source::title).distinct().count(), sources.toString());
        assertEquals(first.segments(), sources.size() > 0 ? Math.min(first.segments(), Knowledge.TOP_K) : -1, sources.toString());
    }

    @Test
    void aChangedFileUnderTheSameNameStillReplacesTheOldOne() {
        ChatClient browser = new ChatClient(app.url());
        assertTrue(browser.upload("card.md", "# Card\n\nLemon tart, 6 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0);
        assertTrue(browser.upload("card.md", "# Card\n\nApple tart, 7 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0);
        assertTrue(browser.upload("copy.md", "# Card\n\nLemon tart, 6 euros.\n".getBytes(StandardCharsets.UTF_8)).segments() > 0,
                "content whose only copy was replaced must be stored again");
    }

    /** Issue 22, point 5: each dish marked by an emoji only, one dish per passage (about 280 characters each). */
    static final List<String> EMOJI_DISHES = List.of(
            "🌱 Garden risotto with peas, asparagus and lemon zest, finished with olive oil and a handful of toasted"
                    + " almonds. The rice is carnaroli from Vercelli, stirred slowly in a stock of leeks, celery and parsley"
                    + " stems, and served in a wide bowl so it keeps its flow. 14 euros.",
            "🌶️ Dan dan noodles with minced pork, chilli oil and Sichuan pepper over wheat noodles pulled by hand every"
                    + " afternoon. Preserved mustard greens and crushed peanuts go on top; stir everything from the bottom of"
                    + " the bowl before the first bite. 13 euros.",
            "🐟 Grilled sea bass with fennel, capers and boiled potatoes. The whole fish is filleted at the table,"
                    + " dressed with salted butter and parsley, and comes with a green salad of the season and a wedge of"
                    + " lemon on the side. 19 euros.");

    @Test
    void anEmojiQuestionRetrievesThePassageThatEmojiMarks() throws Exception {
        ChatClient browser = new ChatClient(app.url());
        String menu = "# Emoji Kitchen\n\n" + String.join("\n\n", EMOJI_DISHES) + "\n";
        assertEquals(200, browser.upload("emoji.md", menu.getBytes(StandardCharsets.UTF_8)).status());
        for (String dish : EMOJI_DISHES) {
            String emoji = dish.substring(0, dish.indexOf(' '));
            var sources = browser.ask("Which dish is " + emoji + "?").sources();
            assertFalse(sources.isEmpty(), "no passage retrieved for " + emoji);
            String top = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(app.url().replaceAll("/$", "") + sources.get(0).href())).header("Cookie", "chat_session=" + browser.sessionId()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            System.out.println(emoji + " -> top passage " + sources.get(0).score() + ": " + top.replaceAll("(?s).*?(" + emoji.charAt(0) + ")", "$1").lines().findFirst().orElse(""));
            assertTrue(top.contains(dish.substring(dish.indexOf(" ") + 1, dish.indexOf(" ") + 25)), "'Which dish is " + emoji + "?' did not retrieve the dish it marks first: " + sources);
        }
    }
}
