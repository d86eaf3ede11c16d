package genai.train;

import genai.CourseError;
import genai.http.JsonClient;
import genai.gguf.GgufWriter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes a model's LoRA adapters as a GGUF adapter file in the format llama.cpp (and so Ollama's llama
 * runner) reads in {@code llama_adapter_lora_init}: metadata {@code general.type = adapter},
 * {@code general.architecture = llama}, {@code adapter.type = lora}, {@code adapter.lora.alpha}
 * (float32, one value for the file: every adapter must share it), and for each adapted weight two F32
 * tensors, {@code <weight>.lora_a} with ggml dims [in, r] and {@code <weight>.lora_b} with dims [r, out].
 * llama.cpp scales the update by alpha / r, as {@link Lora} does.
 */
public final class LoraGguf {

    private LoraGguf() {}

    /**
     * @param model a model with adapters attached (all with the same alpha)
     * @param path  the .gguf file to write
     * @return its size in bytes
     * @throws IllegalArgumentException if the model has no adapter or the adapters' alphas differ
     * @throws genai.CourseError if an adapter holds a NaN or an infinity (training diverged): nothing is written,
     *         because Ollama's runner stops on such a file instead of refusing it
     */
    public static long write(Llama model, Path path) {
        Map<String, Lora> adapters = model.adapters();
        if (adapters.isEmpty()) throw new IllegalArgumentException("the model has no adapter to write");
        float alpha = adapters.values().iterator().next().alpha;
        GgufWriter w = new GgufWriter().string("general.type", "adapter").string("general.architecture", "llama")
                .string("adapter.type", "lora").float32("adapter.lora.alpha", alpha);
        for (var e : adapters.entrySet()) {
            Lora l = e.getValue();
            if (l.alpha != alpha) throw new IllegalArgumentException("a GGUF adapter has one alpha; " + e.getKey() + " has " + l.alpha + ", not " + alpha);
            long r = l.rank, in = l.a.getShape().get(1), out = l.b.getShape().get(0);
            float[] a = l.a.toFloatArray(), b = l.b.toFloatArray();
            if (!allFinite(a) || !allFinite(b)) {
                throw new genai.CourseError("The adapter on " + e.getKey() + " holds NaN or infinite values, so training diverged and "
                        + path.getFileName() + " was not written: run the training cell again (or lower the learning rate).");
            }
            w.f32(e.getKey() + ".lora_a", a, in, r);
            w.f32(e.getKey() + ".lora_b", b, r, out);
        }
        return w.write(path);
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }

    /**
     * The Modelfile that registers base + adapter with {@code ollama create NAME -f Modelfile}.
     *
     * @param base        the Ollama model the adapter was trained on
     * @param adapterFile the adapter's file name, relative to the Modelfile
     * @param template    the chat template
     * @param stops       stop strings
     * @return the Modelfile text
     */
    public static String modelfile(String base, String adapterFile, String template, List<String> stops) {
        StringBuilder s = new StringBuilder("FROM " + base + "\nADAPTER ./" + adapterFile + "\nTEMPLATE \"\"\"" + template + "\"\"\"\n");
        stops.forEach(x -> s.append("PARAMETER stop \"").append(x).append("\"\n"));
        return s.toString();
    }

    /**
     * Registers base + adapter in Ollama through its HTTP API, the two calls {@code ollama create}
     * makes for the Modelfile of {@link #modelfile}: upload the adapter as a blob
     * ({@code POST /api/blobs/sha256:<digest>}), then {@code POST /api/create} with {@code from},
     * {@code adapters}, {@code template} and the stop parameters.
     *
     * @param name     the new model's name, e.g. {@code smollm2-135m-shop-r8}
     * @param base     the base model
     * @param adapter  the adapter file
     * @param template the chat template
     * @param stops    stop strings
     * @throws CourseError if Ollama refuses the blob or the model
     */
    public static void register(String name, String base, Path adapter, String template, List<String> stops) {
        try {
            byte[] bytes = Files.readAllBytes(adapter);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(JsonClient.ollama().baseUrl() + "/api/blobs/" + digest))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) throw new CourseError("Ollama refused the adapter blob (HTTP " + r.statusCode() + "): " + r.body());
            var body = JsonClient.object().put("model", name).put("from", base).put("template", template).put("stream", false);
            body.putObject("adapters").put(adapter.getFileName().toString(), digest);
            var stop = body.putObject("parameters").putArray("stop");
            stops.forEach(stop::add);
            JsonClient.ollama().post("/api/create", body);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new CourseError("Could not register " + name + " in Ollama: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CourseError("Interrupted while registering " + name + ".");
        }
    }
}
