import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.Course;
import genai.http.JsonClient;
import genai.gguf.GgufFile;
import genai.gguf.GgufTokenizer;
import genai.train.Example;
import genai.train.Llama;
import genai.train.Lora;
import genai.train.ToolChat;
import genai.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Java side of the LoRA training comparison (issue 27): lesson 11's training with lib-train
 * (genai.train: the chat model in DJL NDArrays on libtorch, LoRA adapters on every projection of the upper
 * blocks, the lower blocks' outputs cached once, AdamW with warm-up and linear decay), driven by
 * BenchWorker's "lora_setup" and "lora_train" commands in a JVM of its own, so that the process's peak
 * memory is this training's.
 *
 * <p>The data are lesson 11's: data/finetune/tool-calls.jsonl, rendered by ToolChat as the fine-tuned
 * model sees it and tokenized by the course's GGUF tokenizer. The token ids go back to run.py, which hands
 * the very same ids to the PyTorch side.
 */
final class LoraBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Llama model;
    private Trainer cacheOwner;
    private List<Example> train;
    private List<Example> heldOut;
    private int firstTrained;

    ObjectNode setup(JsonNode r) throws IOException {
        long t0 = System.nanoTime();
        GgufFile gguf = GgufFile.open(GgufFile.ofOllamaModel(r.path("model").asText()));
        GgufTokenizer tok = GgufTokenizer.of(gguf);
        model = Llama.load(gguf, NDManager.newBaseManager("PyTorch"));
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        train = new ArrayList<>();
        heldOut = new ArrayList<>();
        for (String line : Files.readAllLines(Course.dataDir().resolve("finetune/tool-calls.jsonl"))) {
            JsonNode c = JsonClient.json().readTree(line);
            List<JsonNode> history = new ArrayList<>();
            c.get("history").forEach(history::add);
            int[] prompt = tok.encode(ToolChat.prompt(c.get("request").asText(), history));
            int[] target = tok.encode(ToolChat.target(c));
            int[] all = Arrays.copyOf(prompt, prompt.length + target.length);
            System.arraycopy(target, 0, all, prompt.length, target.length);
            (c.get("split").asText().equals("train") ? train : heldOut).add(new Example(all, prompt.length));
        }
        int available = train.size();
        int limit = r.path("train_limit").asInt(0);          // a quick run trains on fewer sequences
        if (limit > 0 && limit < train.size()) train = new ArrayList<>(train.subList(0, limit));
        firstTrained = model.config().layers() - r.path("trained_blocks").asInt(4);
        t0 = System.nanoTime();
        cacheOwner = new Trainer(model, firstTrained, train, heldOut, 0).cache(r.path("cache_batch").asInt(32), null);
        double cacheSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode o = JSON.createObjectNode();
        o.put("gguf", gguf.path().toAbsolutePath().toString());
        o.put("load_seconds", loadSeconds);
        o.put("cache_seconds", cacheSeconds);
        o.put("first_trained", firstTrained);
        o.put("train_available", available);
        o.put("layers", model.config().layers());
        o.put("parameters", model.parameterCount());
        o.put("held_out_loss_before", cacheOwner.heldOutLoss(r.path("cache_batch").asInt(32)));
        o.put("djl", ai.djl.engine.Engine.getDjlVersion());
        o.put("libtorch", ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        o.put("threads", JniUtils.getNumThreads());
        o.put("interop_threads", JniUtils.getNumInteropThreads());
        o.set("train", examples(train));
        o.set("held_out", examples(heldOut));
        return o;
    }

    private static ArrayNode examples(List<Example> list) {
        ArrayNode out = JSON.createArrayNode();
        for (Example e : list) {
            ObjectNode n = out.addObject();
            ArrayNode ids = n.putArray("tokens");
            for (int t : e.tokens()) ids.add(t);
            n.put("prompt_length", e.promptLength());
        }
        return out;
    }

    /**
     * One training run from fresh adapters, as lesson 11 attaches them: every projection of every block from
     * firstTrained up, rank r, alpha, A's seed 31·layer + hash(projection). Timed by the Trainer itself:
     * optimiser steps only (forward, backward, AdamW), without the held-out evaluation.
     */
    ObjectNode train(JsonNode r) {
        if (model == null) throw new IllegalStateException("lora_setup has not run in this worker");
        int rank = r.path("rank").asInt();
        float alpha = (float) r.path("alpha").asDouble();
        model.detachAll();
        for (int l = firstTrained; l < model.config().layers(); l++) {
            for (String p : Llama.PROJECTIONS) model.attach(l, p, rank, alpha, 31L * l + p.hashCode());
        }
        long trainable = model.adapters().values().stream().mapToLong(Lora::parameterCount).sum();
        int batch = r.path("batch").asInt();
        Trainer trainer = new Trainer(model, firstTrained, train, heldOut, 0).useCache(cacheOwner);
        List<Trainer.Point> curve = trainer.fit(r.path("epochs").asInt(), batch, (float) r.path("lr").asDouble(),
                r.path("seed").asLong(), Integer.MAX_VALUE, null);
        Trainer.Point last = curve.get(curve.size() - 1);
        ObjectNode o = JSON.createObjectNode();
        o.put("seconds", last.seconds());
        o.put("tokens", last.tokens());
        o.put("steps", last.step());
        o.put("trainable", trainable);
        o.put("train_loss_mean", last.trainLoss());     // one curve point: the mean over every step
        o.put("held_out_loss", last.heldOutLoss());
        o.put("peak_rss_mb", peakRssMb());
        o.put("heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024.0 * 1024));
        model.detachAll();
        return o;
    }

    /** The process's peak resident set (VmHWM of /proc/self/status), MiB; -1 where /proc is missing. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
