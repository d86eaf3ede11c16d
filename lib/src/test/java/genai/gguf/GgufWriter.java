package genai.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes small GGUF files for the tests, following the GGUF spec's layout (version 3, little-endian). */
final class GgufWriter {

    private record Tensor(String name, long[] dims, int type, byte[] data) {}

    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private int kvCount;
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;
    private int magic = 0x46554747;

    GgufWriter magic(int value) {
        magic = value;
        return this;
    }

    GgufWriter alignment(int value) {
        alignment = value;
        return uint32("general.alignment", value);
    }

    GgufWriter uint32(String key, long value) {
        return put(key, 4, le(4).putInt((int) value));
    }

    GgufWriter uint64(String key, long value) {
        return put(key, 10, le(8).putLong(value));
    }

    GgufWriter int8(String key, int value) {
        return put(key, 1, le(1).put((byte) value));
    }

    GgufWriter float32(String key, float value) {
        return put(key, 6, le(4).putFloat(value));
    }

    GgufWriter bool(String key, boolean value) {
        return put(key, 7, le(1).put((byte) (value ? 1 : 0)));
    }

    GgufWriter string(String key, String value) {
        return put(key, 8, ByteBuffer.wrap(str(value)));
    }

    GgufWriter strings(String key, List<String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4).putInt(8).array());
        out.writeBytes(le(8).putLong(values.size()).array());
        values.forEach(v -> out.writeBytes(str(v)));
        return put(key, 9, ByteBuffer.wrap(out.toByteArray()));
    }

    GgufWriter int32s(String key, int... values) {
        ByteBuffer b = le(12 + 4 * values.length).putInt(5).putLong(values.length);
        for (int v : values) b.putInt(v);
        return put(key, 9, b);
    }

    GgufWriter tensor(String name, int type, byte[] data, long... dims) {
        tensors.add(new Tensor(name, dims, type, data));
        return this;
    }

    byte[] bytes() {
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
