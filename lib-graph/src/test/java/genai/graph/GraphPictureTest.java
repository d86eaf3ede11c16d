package genai.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GraphPictureTest {

    @Test
    void drawsTheCentreInItsKindsColourAndRefusesAnUnknownCentre() {
        var edges = List.of(new GraphPicture.Edge("Addis Table", "SERVES", "Shiro"), new GraphPicture.Edge("Shiro", "CONTAINS", "gluten"));
        var kinds = Map.of("Addis Table", "Restaurant", "Shiro", "Dish", "gluten", "Allergen");
        var image = GraphPicture.draw("Addis Table", edges, kinds, 400, 300);
        assertEquals(400, image.getWidth());
        assertEquals(0xE4572E, image.getRGB(200, 143) & 0xFFFFFF, "the restaurant's box is at the centre");
        assertEquals(0xFFFFFF, image.getRGB(399, 299) & 0xFFFFFF, "the background is white");
        assertThrows(IllegalArgumentException.class, () -> GraphPicture.draw("Nowhere", edges, kinds, 400, 300));
    }
}
