package genai.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import genai.Course;
import genai.stack.CourseConfig;
import genai.CourseError;
import genai.http.JsonClient;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GGUF model file, memory-mapped: the header, the metadata key/value pairs and the tensor table are
 * parsed when it is opened; the tensor data stays in the file (the operating system pages it in on
 * demand), so opening a 100 MB model costs a few megabytes of heap (mostly the vocabulary strings).
 *
 * <p>Layout (GGUF specification, ggml {@code docs/gguf.md}, version 3; all little-endian): the magic
 * {@code "GGUF"}, a uint32 version, a uint64 tensor count, a uint64 metadata count; the metadata
 * (each a string key, a uint32 value type and the value; strings are a uint64 length and UTF-8 bytes;
 * arrays a uint32 element type, a uint64 count and the elements); the tensor table (each a name,
 * a uint32 number of dims, the uint64 dims, a uint32 ggml type and a uint64 offset); padding to
 * {@code general.alignment} (32 by default); then the data section the offsets point into.
 *
 * <p>Metadata values become Java objects: integers of every width a {@code Long} (uint64 values
 * above {@code Long.MAX_VALUE} wrap), float32 a {@code Float}, float64 a {@code Double}, bool a
 * {@code Boolean}, string a {@code String}, array an unmodifiable {@code List}.
 */
public final class GgufFile {

    private static final int MAGIC = 0x46554747;   // "GGUF" read as a little-endian uint32

    /**
     * The course's own chat model (SmolLM2-135M-Instruct, Q4_1), the one lessons 10 and 11 read from its file
     * whatever {@code COURSE_CHAT_MODEL} names: its tensor types are all ones this package reads, and its
     * 135 M parameters fit a notebook kernel's heap as float32 (540 MB).
     */
    public static final String COURSE_MODEL = CourseConfig.DEFAULT_CHAT_MODEL;

    /** The file name of {@link #COURSE_MODEL}'s GGUF, as stack/install-models.sh writes it (and the class stack copies it). */
    public static final String COURSE_MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";

    /** The folder holding {@link #COURSE_MODEL_FILE} when the notebooks run beside a remote Ollama (the class stack sets it). */
    public static final String GGUF_DIR_VARIABLE = "COURSE_GGUF_DIR";

    /** The end of every refusal: which model to read instead. */
    static final String USE_THE_COURSE_MODEL = "read the course's own " + COURSE_MODEL
            + " instead, with GgufFile.open(GgufFile.ofCourseModel()), whatever COURSE_CHAT_MODEL names.";

    private final Path path;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, GgufTensor> tensors;
    private final long dataStart;
    private final long fileSize;

    private GgufFile(Path path, int version, Map<String, Object> metadata, Map<String, GgufTensor> tensors, long dataStart, long fileSize) {
        this.path = path;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
    }

    /**
     * Opens and parses a GGUF file, mapping it read-only into memory.
     *
     * @param path the .gguf file (or an Ollama blob, which is the same bytes)
     * @return the parsed file; its tensors read from the mapping
     * @throws CourseError if the file is missing, larger than 2 GiB (one mapping), not GGUF (wrong
     *         magic), of a version other than 2 or 3, truncated, uses a tensor type this package
     *         cannot read (a K-quant such as Q4_K), or holds more parameters than this JVM's heap can
     *         hold as float32 (the lessons dequantize every weight); the last three name the model to read instead
     */
    public static GgufFile open(Path path) {
        return open(path, Runtime.getRuntime().maxMemory());
    }

    /** {@link #open(Path)} against a given heap size in bytes (the unit tests pass a small one). */
    static GgufFile open(Path path, long maxHeapBytes) {
        if (!Files.isRegularFile(path)) {
            throw new CourseError("There is no file at " + path + ".");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new CourseError(path + " is " + size + " bytes, more than the 2 GiB genai.gguf maps at once: " + USE_THE_COURSE_MODEL);
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            GgufFile file = parse(path, mapped.order(ByteOrder.LITTLE_ENDIAN), size);
            long floatBytes = 4 * file.tensors.values().stream().mapToLong(GgufTensor::elementCount).sum();
            if (floatBytes > maxHeapBytes) {
                throw new CourseError(String.format("%s holds %,d parameters, %.1f GB as float32, more than this JVM's heap of %.1f GB: %s",
                        path, floatBytes / 4, floatBytes / 1e9, maxHeapBytes / 1e9, USE_THE_COURSE_MODEL));
            }
            return file;
        } catch (IOException e) {
            throw new CourseError("Could not read " + path + ": " + e.getMessage());
        }
    }

    private static GgufFile parse(Path path, ByteBuffer buf, long size) {
        try {
            if (buf.getInt() != MAGIC) {
                throw new CourseError(path + " is not a GGUF file (it does not start with the bytes \"GGUF\").");
            }
            int version = buf.getInt();
            if (version != 2 && version != 3) {
                throw new CourseError(path + " is GGUF version " + version + "; genai.gguf reads versions 2 and 3.");
            }
            long tensorCount = buf.getLong();
            long kvCount = buf.getLong();
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = string(buf);
                metadata.put(key, value(buf, buf.getInt()));
            }
            record Entry(String name, long[] dims, GgmlType type, long offset) {}
            List<Entry> entries = new ArrayList<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = string(buf);
                long[] dims = new long[buf.getInt()];
                for (int d = 0; d < dims.length; d++) dims[d] = buf.getLong();
                GgmlType type = GgmlType.ofId(buf.getInt(), path + ", tensor " + name + ": ");
                entries.add(new Entry(name, dims, type, buf.getLong()));
            }
            long alignment = metadata.get("general.alignment") instanceof Long a ? a : 32;
            long dataStart = (buf.position() + alignment - 1) / alignment * alignment;
            ByteBuffer data = buf.duplicate().position(Math.toIntExact(dataStart)).slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
            Map<String, GgufTensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                GgufTensor t = new GgufTensor(e.name(), e.type(), e.dims(), e.offset(), data);
                if (dataStart + e.offset() + t.byteSize() > size) {
                    throw new CourseError(path + " is truncated: tensor " + e.name() + " ends past the end of the file.");
                }
                tensors.put(e.name(), t);
            }
            return new GgufFile(path, version, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(tensors), dataStart, size);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new CourseError(path + " is truncated: its header ends before the tensor table does.");
        }
    }

    private static String string(ByteBuffer buf) {
        byte[] bytes = new byte[Math.toIntExact(buf.getLong())];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer buf, int type) {
        return switch (type) {
            case 0 -> (long) (buf.get() & 0xFF);
            case 1 -> (long) buf.get();
            case 2 -> (long) (buf.getShort() & 0xFFFF);
            case 3 -> (long) buf.getShort();
            case 4 -> buf.getInt() & 0xFFFFFFFFL;
            case 5 -> (long) buf.getInt();
            case 6 -> buf.getFloat();
            case 7 -> buf.get() != 0;
            case 8 -> string(buf);
            case 9 -> {
                int elementType = buf.getInt();
                long count = buf.getLong();
                List<Object> list = new ArrayList<>(Math.toIntExact(count));
                for (long i = 0; i < count; i++) list.add(value(buf, elementType));
                yield Collections.unmodifiableList(list);
            }
            case 10, 11 -> buf.getLong();
            case 12 -> buf.getDouble();
            default -> throw new CourseError("GGUF metadata value type " + type + " is not in the GGUF specification (0–12).");
        };
    }

    /**
     * Finds the GGUF file that a local Ollama serves for a model, from the {@code FROM} line of the
     * Modelfile that {@code /api/show} returns (a blob path under Ollama's models folder,
     * {@code blobs/sha256-…}). Nothing is downloaded.
     *
     * @param model an Ollama model name, e.g. {@code smollm2-135m-instruct}
     * @return the path of the blob on this machine
     * @throws CourseError if Ollama does not answer or does not know the model (from {@link JsonClient}), or if
     *         the file is not on this machine (Ollama runs elsewhere, e.g. a classroom GPU server)
     */
    public static Path ofOllamaModel(String model) {
        JsonNode show = JsonClient.ollama().post("/api/show", JsonClient.object().put("model", model));
        Path path = fromModelfile(show.path("modelfile").asText(""));
        if (path == null) {
            throw new CourseError("Ollama's Modelfile for " + model + " has no FROM line naming a file, so its GGUF cannot be found.");
        }
        if (!Files.isRegularFile(path)) {
            throw new CourseError("Ollama keeps " + model + " at " + path + ", which is not on this machine: run the Ollama of "
                    + Course.config().ollama() + " locally (make up), or set " + GGUF_DIR_VARIABLE + " to a folder holding the course's "
                    + COURSE_MODEL_FILE + " (make models writes it to " + genai.stack.CourseConfig.cacheDir().resolve("gguf") + ").");
        }
        return path;
    }

    /**
     * The GGUF file of the course's own chat model, {@link #COURSE_MODEL}, whichever model
     * {@code COURSE_CHAT_MODEL} names: a lesson that reads weights (10, 11) reads this one, because a
     * classroom's 3B model is a K-quant this package cannot read and too big for a kernel's heap anyway.
     * It is the pinned Q4_1 original, {@link #COURSE_MODEL_FILE}, in the folder {@code COURSE_GGUF_DIR} names
     * (the class stack sets it: Ollama runs in another container) or else in the course cache's {@code gguf/}
     * folder, where stack/install-models.sh checked it. Not the blob the local Ollama serves: on a CPU that is
     * an F16 copy of this file (stack/gguf_f16.py), whose blocks are no longer Q4_1.
     *
     * @return the path of the 135M model's Q4_1 GGUF on this machine
     * @throws CourseError if the folder lacks the file, with the command that puts it there
     */
    public static Path ofCourseModel() {
        String dir = System.getenv(GGUF_DIR_VARIABLE);
        return ofCourseModel(dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** {@link #ofCourseModel()} with the folder given ({@code null}: the course cache's {@code gguf/} folder). */
    static Path ofCourseModel(Path dir) {
        if (dir == null) {
            Path cached = genai.stack.CourseConfig.cacheDir().resolve("gguf").resolve(COURSE_MODEL_FILE);
            if (!Files.isRegularFile(cached)) {
                throw new CourseError("The course's model file " + cached + " is missing: run 'make models' (it writes and checks it).");
            }
            return cached;
        }
        Path file = dir.resolve(COURSE_MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new CourseError(GGUF_DIR_VARIABLE + " is " + dir + " but holds no " + COURSE_MODEL_FILE
                    + ": in the class stack run 'docker compose up course-models' (it copies the course's model there), elsewhere unset " + GGUF_DIR_VARIABLE + ".");
        }
        return file;
    }

    /**
     * The file path named by a Modelfile's {@code FROM} line, if it names an absolute path.
     *
     * @param modelfile the text of a Modelfile, as {@code /api/show} returns it
     * @return the path, or {@code null} if no {@code FROM} line names an absolute path (e.g. {@code FROM llama3})
     */
    public static Path fromModelfile(String modelfile) {
        Matcher m = Pattern.compile("(?m)^FROM\\s+(/\\S.*?|[A-Za-z]:\\\\\\S.*?)\\s*$").matcher(modelfile);
        return m.find() ? Path.of(m.group(1)) : null;
    }

    /** @return the file this was read from. */
    public Path path() {
        return path;
    }

    /** @return the GGUF version from the header (3 for current files). */
    public int version() {
        return version;
    }

    /** @return the file's size in bytes. */
    public long fileSize() {
        return fileSize;
    }

    /** @return where the data section starts, in bytes from the start of the file (a multiple of the alignment). */
    public long dataStart() {
        return dataStart;
    }

    /** @return all metadata in file order (unmodifiable); see the class comment for the value types. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @return all tensors in file order, by name (unmodifiable). */
    public Map<String, GgufTensor> tensors() {
        return tensors;
    }

    /**
     * One tensor by name.
     *
     * @param name e.g. {@code token_embd.weight}
     * @return the tensor
     * @throws CourseError if the file has no tensor of that name
     */
    public GgufTensor tensor(String name) {
        GgufTensor t = tensors.get(name);
        if (t == null) {
            throw new CourseError("The GGUF file has no tensor named " + name + ".");
        }
        return t;
    }

    /**
     * An integer metadata value (any GGUF integer width).
     *
     * @param key e.g. {@code llama.block_count}
     * @return its value
     * @throws CourseError if the key is missing or not an integer
     */
    public long integer(String key) {
        if (required(key) instanceof Long v) return v;
        throw new CourseError("GGUF metadata " + key + " is not an integer: " + metadata.get(key));
    }

    /**
     * A numeric metadata value as a double (integers and floats alike).
     *
     * @param key e.g. {@code llama.rope.freq_base}
     * @return its value
     * @throws CourseError if the key is missing or not a number
     */
    public double number(String key) {
        if (required(key) instanceof Number v) return v.doubleValue();
        throw new CourseError("GGUF metadata " + key + " is not a number: " + metadata.get(key));
    }

    /**
     * A string metadata value.
     *
     * @param key e.g. {@code general.architecture}
     * @return its value
     * @throws CourseError if the key is missing or not a string
     */
    public String string(String key) {
        if (required(key) instanceof String v) return v;
        throw new CourseError("GGUF metadata " + key + " is not a string: " + metadata.get(key));
    }

    private Object required(String key) {
        Object v = metadata.get(key);
        if (v == null) {
            throw new CourseError("The GGUF file has no metadata key " + key + ".");
        }
        return v;
    }

    /**
     * A short, printable form of a metadata value: arrays longer than 5 show their length and first
     * elements, long strings are cut.
     *
     * @param key a metadata key
     * @return e.g. {@code [49152 × "<|endoftext|>", "<|im_start|>", …]}, or {@code null} if the key is missing
     */
    public String describe(String key) {
        Object v = metadata.get(key);
        if (v instanceof List<?> list && list.size() > 5) {
            return "[" + list.size() + " × " + list.subList(0, 3).stream().map(GgufFile::quoted).reduce((a, b) -> a + ", " + b).orElse("") + ", …]";
        }
        String s = v instanceof List<?> list ? list.stream().map(GgufFile::quoted).toList().toString() : quoted(v);
        return s != null && s.length() > 120 ? s.substring(0, 117) + "…" : s;
    }

    private static String quoted(Object v) {
        return v instanceof String s ? "\"" + s.replace("\n", "\\n") + "\"" : String.valueOf(v);
    }
}
