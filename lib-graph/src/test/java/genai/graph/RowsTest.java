package genai.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RowsTest {

    @Test
    void oneTextColumnPerKeyWithPricesListsAndNulls() {
        var t = Rows.table("t", List.of(Map.of("dish", "Shiro", "price", 13.0), Map.of("dish", "Gomen", "tags", List.of("a", "b"))));
        assertEquals(3, t.columnCount());
        assertEquals("13.00", t.stringColumn("price").get(0));
        assertEquals("", t.stringColumn("price").get(1));
        assertEquals("a, b", t.stringColumn("tags").get(1));
    }
}
