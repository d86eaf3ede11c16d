package genai;

import dev.langchain4j.exception.HttpException;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Turns the ways a call to Ollama fails after set-up (the server stopped, a model was removed, a
 * call ran too long) into the one-sentence {@link CourseError}; anything else is left as it is.
 */
final class OllamaErrors {

    private OllamaErrors() {}

    static RuntimeException translate(RuntimeException error, String baseUrl, String model) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (ServiceErrors.refused(t)) {
                return ServiceErrors.stoppedAnswering("Ollama", baseUrl);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return new CourseError("Ollama at " + baseUrl + " did not finish within " + Models.TIMEOUT.toMinutes()
                        + " minutes: ask for fewer tokens (maxOutputTokens / num_predict), or restart it with"
                        + " 'make down && make up' if it is stuck.");
            }
            if (t instanceof HttpException http && http.statusCode() == 404 && String.valueOf(http.getMessage()).contains("not found")) {
                return new CourseError("Ollama at " + baseUrl + " has no model '" + model + "': run 'make models',"
                        + " or choose an installed model ('make status' lists them).");
            }
        }
        return error;
    }
}
