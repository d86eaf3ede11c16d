package genai.gguf;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One entry of a GGUF tensor table, with a read-only view of its bytes in the memory-mapped file.
 *
 * <p>Shapes follow ggml's convention (GGUF spec, "tensor_info_t"): {@code dims[0]} is the number of
 * values in one contiguous row (the fastest-moving index), {@code dims[1]} the number of rows, and so
 * on. A weight matrix with {@code dims = [576, 1536]} is 1536 rows of 576 values; multiplying it by a
 * 576-vector gives a 1536-vector. Rows of quantized types are whole blocks (ggml requires
 * {@code dims[0]} to be a multiple of the block size).
 *
 * @param name the tensor's name, e.g. {@code blk.0.attn_q.weight}
 * @param type its element type
 * @param dims its shape, {@code dims[0]} first (ggml order)
 * @param offset where its data starts, in bytes from the start of the file's data section
 * @param data the file's data section (read-only, little-endian); the tensor occupies {@link #byteSize()} bytes from {@code offset}
 */
public record GgufTensor(String name, GgmlType type, long[] dims, long offset, ByteBuffer data) {

    /** @return how many values the tensor holds: the product of its dims. */
    public long elementCount() {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }

    /** @return values per row, {@code dims[0]}. */
    public int cols() {
        return Math.toIntExact(dims[0]);
    }

    /** @return the number of rows: the product of {@code dims[1..]} (1 for a vector). */
    public int rows() {
        return Math.toIntExact(elementCount() / dims[0]);
    }

    /** @return the bytes the tensor takes in the file: blocks × {@link GgmlType#typeSize()}. */
    public long byteSize() {
        return elementCount() / type.blockSize() * type.typeSize();
    }

    /** @return the number of quantization blocks (equal to {@link #elementCount()} for F32 and F16). */
    public long blockCount() {
        return elementCount() / type.blockSize();
    }

    /**
     * The raw bytes of one block, as stored in the file (34 bytes for Q8_0, 20 for Q4_1, …).
     *
     * @param block the block index, 0 ≤ block &lt; {@link #blockCount()}
     * @return a copy of the block's bytes
     * @throws IndexOutOfBoundsException if the block does not exist
     */
    public byte[] blockBytes(long block) {
        if (block < 0 || block >= blockCount()) {
            throw new IndexOutOfBoundsException("block " + block + " of " + name + " (it has " + blockCount() + ")");
        }
        byte[] bytes = new byte[type.typeSize()];
        data.get(Math.toIntExact(offset + block * type.typeSize()), bytes);
        return bytes;
    }

    /**
     * Dequantizes one row into {@code out}; the quantized bytes stay in the file, so this costs no heap.
     *
     * @param row the row index, 0 ≤ row &lt; {@link #rows()}
     * @param out receives {@link #cols()} floats from index 0
     * @throws IndexOutOfBoundsException if the row does not exist or {@code out} is too short
     */
    public void row(int row, float[] out) {
        if (row < 0 || row >= rows() || out.length < cols()) {
            throw new IndexOutOfBoundsException("row " + row + " of " + name + " (" + rows() + " rows of " + cols() + ") into " + out.length + " floats");
        }
        long rowBytes = (long) cols() / type.blockSize() * type.typeSize();
        type.dequantize(data, offset + row * rowBytes, out, 0, cols());
    }

    /**
     * Dequantizes the whole tensor into a new float array, row after row.
     *
     * @return {@link #elementCount()} floats, row-major: value {@code (r, c)} is at {@code r * cols() + c}
     * @throws ArithmeticException if the tensor has more than {@code Integer.MAX_VALUE} values
     */
    public float[] toFloats() {
        float[] out = new float[Math.toIntExact(elementCount())];
        type.dequantize(data, offset, out, 0, out.length);
        return out;
    }

    /** @return e.g. {@code blk.0.attn_q.weight Q4_1 [576, 576]}. */
    @Override
    public String toString() {
        return name + " " + type + " " + Arrays.toString(dims);
    }
}
