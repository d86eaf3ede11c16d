package genai.retrieval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BgeTest {

    @Test
    void queriesCarryTheInstructionPassagesDoNot() {
        var passages = Bge.shared();
        assertEquals(384, passages.dimension());
        float[] query = Bge.forQueries().embed("lost library card").content().vector();
        float[] prefixed = passages.embed(Bge.QUERY_INSTRUCTION + "lost library card").content().vector();
        float[] bare = passages.embed("lost library card").content().vector();
        assertArrayEquals(prefixed, query, 1e-6f);
        assertFalse(java.util.Arrays.equals(bare, query));
    }
}
