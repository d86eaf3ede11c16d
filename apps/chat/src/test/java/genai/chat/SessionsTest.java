package genai.chat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionsTest {

    @Test
    void theCapDropsTheLeastRecentlyUsedSession() throws InterruptedException {
        Sessions sessions = new Sessions(3, Duration.ofHours(1));
        ChatSession a = sessions.create();
        Thread.sleep(2);
        ChatSession b = sessions.create();
        Thread.sleep(2);
        ChatSession c = sessions.create();
        Thread.sleep(2);
        assertSame(a, sessions.find(a.id), "using a makes b the least recently used");
        ChatSession d = sessions.create();
        assertEquals(3, sessions.size());
        assertNull(sessions.find(b.id));
        assertNotNull(sessions.find(a.id));
        assertNotNull(sessions.find(c.id));
        assertNotNull(sessions.find(d.id));
    }

    @Test
    void anIdleSessionExpires() throws InterruptedException {
        Sessions sessions = new Sessions(10, Duration.ofMillis(50));
        ChatSession a = sessions.create();
        ChatSession b = sessions.create();
        Thread.sleep(120);
        assertNull(sessions.find(a.id), "an expired session is not found");
        assertEquals(1, sessions.sweep(), "the sweep drops the other one");
        assertEquals(0, sessions.size());
        assertNull(sessions.find(b.id));
        assertNull(sessions.find(null));
    }

    @Test
    void idsAreRandomAndUrlSafe() {
        Sessions sessions = new Sessions(1000, Duration.ofHours(1));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) ids.add(sessions.create().id);
        assertEquals(200, ids.size());
        assertTrue(ids.stream().allMatch(id -> id.matches("[A-Za-z0-9_-]{22}")), ids.iterator().next());
    }

    @Test
    void historyIsBoundedAndResetClearsIt() {
        ChatSession session = new ChatSession("s");
        for (int i = 0; i < ChatSession.HISTORY_MESSAGES; i++) session.remember("q" + i, "a" + i);
        assertEquals(ChatSession.HISTORY_MESSAGES, session.history().size());
        assertEquals("q" + (ChatSession.HISTORY_MESSAGES / 2), session.history().get(0).text(), "the oldest went first");
        assertEquals(ChatSession.MEMORY_MESSAGES, session.memory().size());
        session.reset();
        assertEquals(0, session.history().size());
        assertEquals(0, session.memory().size());
    }
}
