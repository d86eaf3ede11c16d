package genai.http;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link HttpStub} for tests in other packages: fixed 200 replies by path. */
public final class HttpStubAccess implements AutoCloseable {

    private final HttpStub stub;

    public HttpStubAccess(Map<String, String> okReplies) {
        stub = new HttpStub(okReplies.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new HttpStub.Reply(200, e.getValue()))));
    }

    public String url() {
        return stub.url();
    }

    public List<String> requests() {
        synchronized (stub.requests) {
            return List.copyOf(stub.requests);
        }
    }

    @Override
    public void close() {
        stub.close();
    }
}
