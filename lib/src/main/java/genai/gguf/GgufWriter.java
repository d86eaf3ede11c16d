package genai.gguf;

import genai.CourseError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a GGUF file (version 3, little-endian) that {@link GgufFile} and llama.cpp read: metadata
 * key/value pairs, then a tensor table, then the tensor data, each tensor aligned to
 * {@code general.alignment} (32 unless set). The layout is the one {@link GgufFile} documents (ggml
 * {@code docs/gguf.md}). Lesson 11 writes LoRA adapters with it; lib's tests write small test files.
 *
 * <p>The whole file is built in memory: meant for adapters and test files of a few megabytes, not for
 * full models. Keys and tensors are written in the order they are added.
 */
public final class GgufWriter {

    private record Tensor(String name, long[] dims, int type, byte[] data) {}

    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private int kvCount;
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;
    private int magic = 0x46554747;

    /** Only for tests of the reader's errors: writes another magic number. */
    GgufWriter magic(int value) {
        magic = value;
        return this;
    }

    /**
     * Sets the data alignment and writes it as {@code general.alignment}.
     *
     * @param value bytes, a power of two (GGUF default 32)
     * @return this writer
     */
    public GgufWriter alignment(int value) {
        if (value <= 0 || Integer.bitCount(value) != 1) throw new IllegalArgumentException("alignment must be a power of two: " + value);
        alignment = value;
        return uint32("general.alignment", value);
    }

    /** Adds a uint32 value (GGUF type 4); returns this writer. */
    public GgufWriter uint32(String key, long value) {
        return put(key, 4, le(4).putInt((int) value));
    }

    /** Adds a uint64 value (GGUF type 10); returns this writer. */
    public GgufWriter uint64(String key, long value) {
        return put(key, 10, le(8).putLong(value));
    }

    /** Adds an int8 value (GGUF type 1); returns this writer. */
    public GgufWriter int8(String key, int value) {
        return put(key, 1, le(1).put((byte) value));
    }

    /** Adds a float32 value (GGUF type 6); returns this writer. */
    public GgufWriter float32(String key, float value) {
        return put(key, 6, le(4).putFloat(value));
    }

    /** Adds a bool value (GGUF type 7); returns this writer. */
    public GgufWriter bool(String key, boolean value) {
        return put(key, 7, le(1).put((byte) (value ? 1 : 0)));
    }

    /** Adds a UTF-8 string value (GGUF type 8); returns this writer. */
    public GgufWriter string(String key, String value) {
        return put(key, 8, ByteBuffer.wrap(str(value)));
    }

    /** Adds an array of strings (GGUF type 9 of type 8); returns this writer. */
    public GgufWriter strings(String key, List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4).putInt(8).array());
        out.writeBytes(le(8).putLong(values.size()).array());
        values.forEach(v -> out.writeBytes(str(v)));
        return put(key, 9, ByteBuffer.wrap(out.toByteArray()));
    }

    /** Adds an array of int32 (GGUF type 9 of type 5); returns this writer. */
    public GgufWriter int32s(String key, int... values) {
        ByteBuffer b = le(12 + 4 * values.length).putInt(5).putLong(values.length);
        for (int v : values) b.putInt(v);
        return put(key, 9, b);
    }

    /**
     * Adds a tensor of any type from its raw bytes.
     *
     * @param name e.g. {@code blk.0.attn_q.weight.lora_a}
     * @param type the ggml type id ({@link GgmlType#id()})
     * @param data the bytes as stored (blocks × type size)
     * @param dims the shape in ggml order: values per row first
     * @return this writer
     */
    public GgufWriter tensor(String name, int type, byte[] data, long... dims) {
        tensors.add(new Tensor(name, dims.clone(), type, data));
        return this;
    }

    /**
     * Adds an F32 tensor.
     *
     * @param name   the tensor's name
     * @param values row-major values, {@code dims[0]} per row
     * @param dims   the shape in ggml order (values per row first); their product must equal {@code values.length}
     * @return this writer
     * @throws IllegalArgumentException if the shape does not hold the values
     */
    public GgufWriter f32(String name, float[] values, long... dims) {
        long n = 1;
        for (long d : dims) n *= d;
        if (n != values.length) throw new IllegalArgumentException(name + ": dims hold " + n + " values, not " + values.length);
        ByteBuffer b = le(4 * values.length);
        for (float v : values) b.putFloat(v);
        return tensor(name, GgmlType.F32.id(), b.array(), dims);
    }

    /** @return the file's bytes: header, metadata, tensor table, padding, aligned tensor data. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(24).putInt(magic).putInt(3).putLong(tensors.size()).putLong(kvCount).array());
        out.writeBytes(kv.toByteArray());
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            out.writeBytes(str(t.name()));
            out.writeBytes(le(4).putInt(t.dims().length).array());
            for (long d : t.dims()) out.writeBytes(le(8).putLong(d).array());
            out.writeBytes(le(4).putInt(t.type()).array());
            out.writeBytes(le(8).putLong(offset).array());
            offsets.add(offset);
            offset = pad(offset + t.data().length);
        }
        while (out.size() % alignment != 0) out.write(0);
        int dataStart = out.size();
        for (int i = 0; i < tensors.size(); i++) {
            while (out.size() < dataStart + offsets.get(i)) out.write(0);
            out.writeBytes(tensors.get(i).data());
        }
        return out.toByteArray();
    }

    /**
     * Writes the file.
     *
     * @param path where to write (parent folders are created; an existing file is replaced)
     * @return the number of bytes written
     * @throws CourseError if the file cannot be written
     */
    public long write(Path path) {
        byte[] b = bytes();
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            Files.write(path, b);
            return b.length;
        } catch (IOException e) {
            throw new CourseError("Could not write " + path + ": " + e.getMessage());
        }
    }

    private long pad(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private GgufWriter put(String key, int type, ByteBuffer value) {
        kv.writeBytes(str(key));
        kv.writeBytes(le(4).putInt(type).array());
        kv.writeBytes(value.array());
        kvCount++;
        return this;
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return le(8 + b.length).putLong(b.length).put(b).array();
    }
}
