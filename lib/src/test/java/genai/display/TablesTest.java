package genai.display;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TablesTest {

    @Test
    void roundsHalfUpToTheGivenPlaces() {
        assertEquals(0.125, Tables.round(0.12549, 3));
        assertEquals(0.13, Tables.round(0.125, 2));
        assertEquals(3.0, Tables.round(2.5, 0));
        assertEquals(Double.NaN, Tables.round(Double.NaN, 2));
        assertThrows(IllegalArgumentException.class, () -> Tables.round(1, -1));
    }

    @Test
    void aRoundedColumnKeepsItsName() {
        var column = Tables.rounded("mean cosine", new double[] {0.99997, 0.5}, 3);
        assertEquals("mean cosine", column.name());
        assertArrayEquals(new double[] {1.0, 0.5}, column.asDoubleArray());
    }

    @Test
    void aFixedColumnKeepsItsValuesAndShowsFixedPlaces() {
        var column = Tables.fixed("ms", new double[] {1115.04, 2.5}, 1);
        assertArrayEquals(new double[] {1115.04, 2.5}, column.asDoubleArray());
        assertEquals("1,115.0", column.getString(0));
        assertEquals("2.5", column.getString(1));
    }

    @Test
    void aScientificColumnKeepsItsValuesAndShowsPowersOfTen() {
        var column = Tables.scientific("FLOPs", new double[] {1614180096000000000000.0, 269030016, 0.5}, 3);
        assertEquals(1614180096000000000000.0, column.get(0));
        assertEquals("1.61E21", column.getString(0));
        assertEquals("2.69E8", column.getString(1));
        assertEquals("5.00E-1", column.getString(2));
        assertEquals("2E3", Tables.scientific("n", new double[] {2000}, 1).getString(0));
        assertThrows(IllegalArgumentException.class, () -> Tables.scientific("n", new double[] {1}, 0));
    }
}
