package genai.chat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions, bounded two ways so memory cannot grow without limit: a session unused for
 * {@code idle} is dropped, and when {@code max} sessions exist the least recently used one makes room
 * for a new one. Ids are 128 random bits (a browser cannot guess another's).
 */
final class Sessions {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ChatSession> live = new ConcurrentHashMap<>();
    private final int max;
    private final long idleNanos;

    Sessions(int max, Duration idle) {
        this.max = max;
        this.idleNanos = idle.toNanos();
    }

    /** The session with this id, marked as used, or null if there is none (never was, expired, evicted). */
    ChatSession find(String id) {
        if (id == null) return null;
        ChatSession session = live.get(id);
        if (session == null) return null;
        if (expired(session, System.nanoTime())) {
            live.remove(id, session);
            return null;
        }
        session.touch();
        return session;
    }

    /** A new, empty session; expired ones are dropped first, then the least recently used while the cap is reached. */
    synchronized ChatSession create() {
        sweep();
        while (live.size() >= max) {
            live.values().stream().min(Comparator.comparingLong(ChatSession::lastUsedNanos))
                    .ifPresent(oldest -> live.remove(oldest.id, oldest));
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        ChatSession session = new ChatSession(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        live.put(session.id, session);
        return session;
    }

    /** Drops every session unused for longer than the idle limit. @return how many were dropped */
    int sweep() {
        long now = System.nanoTime();
        int before = live.size();
        live.values().removeIf(s -> expired(s, now));
        return before - live.size();
    }

    int size() {
        return live.size();
    }

    private boolean expired(ChatSession session, long now) {
        return now - session.lastUsedNanos() > idleNanos;
    }
}
