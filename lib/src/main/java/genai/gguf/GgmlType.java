package genai.gguf;

import genai.CourseError;

import java.nio.ByteBuffer;

/**
 * The tensor element types of ggml that this package can read, with their block layouts.
 *
 * <p>A quantized tensor is stored as consecutive blocks of {@link #blockSize()} values, each block
 * {@link #typeSize()} bytes long, little-endian (ggml's {@code ggml-common.h}):
 * <ul>
 *   <li>{@code Q8_0}: {@code half d; int8 qs[32]} (34 bytes); value {@code j} is {@code d * qs[j]}:
 *       a per-block absmax (symmetric) scale.</li>
 *   <li>{@code Q4_1}: {@code half d; half m; uint8 qs[16]} (20 bytes); value {@code j < 16} is
 *       {@code d * (qs[j] & 0xF) + m} and value {@code j + 16} is {@code d * (qs[j] >> 4) + m}:
 *       a per-block scale plus a minimum, the zero-point (asymmetric) idea.</li>
 *   <li>{@code Q4_0}: {@code half d; uint8 qs[16]} (18 bytes); values {@code d * ((qs[j] & 0xF) - 8)}
 *       and {@code d * ((qs[j] >> 4) - 8)}.</li>
 *   <li>{@code F32} and {@code F16}: one value per "block", 4 or 2 bytes.</li>
 * </ul>
 * The numeric ids are those of {@code enum ggml_type} in ggml's {@code ggml.h}, as written in a GGUF
 * tensor table.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q8_0(8, 32, 34);

    private final int id;
    private final int blockSize;
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** @return the ggml type id written in a GGUF tensor table (0 for F32, 3 for Q4_1, 8 for Q8_0, …). */
    public int id() {
        return id;
    }

    /** @return how many values one block holds (32 for the quantized types, 1 for F32 and F16). */
    public int blockSize() {
        return blockSize;
    }

    /** @return the bytes one block takes in the file (34 for Q8_0, 20 for Q4_1, 4 for F32, …). */
    public int typeSize() {
        return typeSize;
    }

    /** @return the average storage cost in bits per value, including the block's scale (8.5 for Q8_0, 5.0 for Q4_1). */
    public double bitsPerValue() {
        return 8.0 * typeSize / blockSize;
    }

    /**
     * The type with a given ggml id.
     *
     * @param id the type id from a GGUF tensor table
     * @return the type
     * @throws CourseError if this package cannot dequantize that type (for example a K-quant such as Q4_K,
     *         which the 3B models of a classroom server use); the message names the course's own model to read instead
     */
    public static GgmlType ofId(int id) {
        return ofId(id, "");
    }

    /** {@link #ofId(int)} with what is being read ("file f, tensor t: ") at the front of the error. */
    static GgmlType ofId(int id, String where) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        String name = id >= 0 && id < OTHER_NAMES.length && !OTHER_NAMES[id].isEmpty() ? " (" + OTHER_NAMES[id] + ")" : "";
        throw new CourseError(where + "ggml tensor type " + id + name + " is not one genai.gguf reads (F32, F16, Q4_0, Q4_1, Q8_0): "
                + GgufFile.USE_THE_COURSE_MODEL);
    }

    /** The names of ggml's other type ids ({@code enum ggml_type} in ggml.h), for the error message only. */
    private static final String[] OTHER_NAMES = {
        "", "", "", "", "Q4_2 (removed)", "Q4_3 (removed)", "Q5_0", "Q5_1", "", "Q8_1",
        "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K", "IQ2_XXS", "IQ2_XS", "IQ3_XXS", "IQ1_S",
        "IQ4_NL", "IQ3_S", "IQ2_S", "IQ4_XS", "I8", "I16", "I32", "I64", "F64", "IQ1_M", "BF16",
        "", "", "", "TQ1_0", "TQ2_0", "", "", "", "MXFP4"};

    /**
     * Dequantizes {@code count} values starting at a block boundary.
     *
     * @param data the tensor bytes, little-endian; absolute positions are used, the buffer's position is not changed
     * @param byteOffset where the first block starts, in bytes from the start of {@code data}
     * @param out receives {@code count} floats from {@code outOffset}
     * @param outOffset the first index of {@code out} written
     * @param count how many values, a multiple of {@link #blockSize()}
     * @throws IllegalArgumentException if {@code count} is not a whole number of blocks
     */
    public void dequantize(ByteBuffer data, long byteOffset, float[] out, int outOffset, int count) {
        if (count % blockSize != 0) {
            throw new IllegalArgumentException(count + " values are not a whole number of " + this + " blocks of " + blockSize);
        }
        int p = Math.toIntExact(byteOffset);
        int o = outOffset;
        switch (this) {
            case F32 -> {
                for (int i = 0; i < count; i++, p += 4) out[o + i] = data.getFloat(p);
            }
            case F16 -> {
                for (int i = 0; i < count; i++, p += 2) out[o + i] = halfToFloat(data.getShort(p));
            }
            case Q8_0 -> {
                for (int b = 0; b < count / 32; b++, p += 34, o += 32) {
                    float d = halfToFloat(data.getShort(p));
                    for (int j = 0; j < 32; j++) out[o + j] = d * data.get(p + 2 + j);
                }
            }
            case Q4_1 -> {
                for (int b = 0; b < count / 32; b++, p += 20, o += 32) {
                    float d = halfToFloat(data.getShort(p));
                    float m = halfToFloat(data.getShort(p + 2));
                    for (int j = 0; j < 16; j++) {
                        int q = data.get(p + 4 + j) & 0xFF;
                        out[o + j] = d * (q & 0x0F) + m;
                        out[o + j + 16] = d * (q >>> 4) + m;
                    }
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < count / 32; b++, p += 18, o += 32) {
                    float d = halfToFloat(data.getShort(p));
                    for (int j = 0; j < 16; j++) {
                        int q = data.get(p + 2 + j) & 0xFF;
                        out[o + j] = d * ((q & 0x0F) - 8);
                        out[o + j + 16] = d * ((q >>> 4) - 8);
                    }
                }
            }
        }
    }

    /**
     * Converts an IEEE 754 binary16 ("half", ggml's {@code ggml_fp16_t}) to a float, exactly: every
     * half value, subnormals, infinities and NaN included, has a float equal to it. A generic helper
     * (Java 17 has no {@code Float.float16ToFloat}, which arrived in Java 20).
     *
     * @param half the 16 bits: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits
     * @return the same number as a float
     */
    public static float halfToFloat(short half) {
        int h = half & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int fraction = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (fraction << 13));
        }
        if (exponent == 0) {
            float magnitude = fraction * 0x1p-24f;          // subnormal: fraction × 2^-24
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }
}
