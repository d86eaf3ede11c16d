package genai.gguf;

import genai.CourseError;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

class GgmlTypeTest {

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void halfFloatsConvertExactly() {
        assertEquals(1.0f, GgmlType.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, GgmlType.halfToFloat((short) 0xC000));
        assertEquals(0.5f, GgmlType.halfToFloat((short) 0x3800));
        assertEquals(65504f, GgmlType.halfToFloat((short) 0x7BFF));      // the largest half
        assertEquals(0x1p-24f, GgmlType.halfToFloat((short) 0x0001));    // the smallest subnormal
        assertEquals(0x1p-14f, GgmlType.halfToFloat((short) 0x0400));    // the smallest normal
        assertEquals(Float.POSITIVE_INFINITY, GgmlType.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(GgmlType.halfToFloat((short) 0x7E00)));
        assertEquals(-0.0f, GgmlType.halfToFloat((short) 0x8000));
        assertEquals(0.333251953125f, GgmlType.halfToFloat((short) 0x3555)); // 1/3 rounded to half
    }

    @Test
    void q8_0IsScaleTimesSignedByte() {
        // d = 0.5 (0x3800), qs = -16, -15, …, 15
        ByteBuffer b = le(new byte[34]).putShort((short) 0x3800);
        for (int j = 0; j < 32; j++) b.put((byte) (j - 16));
        float[] out = new float[32];
        GgmlType.Q8_0.dequantize(b, 0, out, 0, 32);
        for (int j = 0; j < 32; j++) assertEquals(0.5f * (j - 16), out[j], "value " + j);
    }

    @Test
    void q4_1IsScaleTimesNibblePlusMinLowNibblesFirst() {
        // d = 0.25 (0x3400), m = -1 (0xBC00); byte j holds nibble j (low) and 15 - j (high)
        ByteBuffer b = le(new byte[20]).putShort((short) 0x3400).putShort((short) 0xBC00);
        for (int j = 0; j < 16; j++) b.put((byte) (j | ((15 - j) << 4)));
        float[] out = new float[40];
        GgmlType.Q4_1.dequantize(b, 0, out, 8, 32);                       // written from index 8
        for (int j = 0; j < 16; j++) {
            assertEquals(0.25f * j - 1, out[8 + j], "low nibble " + j);
            assertEquals(0.25f * (15 - j) - 1, out[8 + 16 + j], "high nibble " + j);
        }
        assertEquals(0f, out[0]);
    }

    @Test
    void q4_0IsCentredOnEight() {
        ByteBuffer b = le(new byte[18]).putShort((short) 0x3C00);           // d = 1
        b.put((byte) 0xF0);                                               // low 0 → -8, high 15 → 7
        float[] out = new float[32];
        GgmlType.Q4_0.dequantize(b, 0, out, 0, 32);
        assertEquals(-8f, out[0]);
        assertEquals(7f, out[16]);
        assertEquals(-8f, out[1]);                                        // zero bytes: both nibbles 0
    }

    @Test
    void sizesMatchGgml() {
        assertEquals(8.5, GgmlType.Q8_0.bitsPerValue());
        assertEquals(5.0, GgmlType.Q4_1.bitsPerValue());
        assertEquals(GgmlType.Q4_1, GgmlType.ofId(3));
        assertEquals(GgmlType.Q8_0, GgmlType.ofId(8));
        CourseError e = assertThrows(CourseError.class, () -> GgmlType.ofId(12));
        assertTrue(e.getMessage().contains("type 12"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q8_0.dequantize(le(new byte[34]), 0, new float[31], 0, 31));
    }
}
