package genai.graph;

import genai.CourseError;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MenuGraphTest {

    static final Path MENUS = Path.of("..", "data", "menus", "src");
    static final MenuGraph GRAPH = MenuGraph.parse(MENUS);

    @Test
    void readsSevenRestaurantsAndEveryDishLine() {
        assertEquals(7, GRAPH.restaurants().size());
        assertEquals(GRAPH.dishes().size(), new HashSet<>(GRAPH.dishes().stream().map(MenuGraph.Dish::name).toList()).size(), "dish names are unique");
        assertEquals(87, GRAPH.dishes().size(), "the dish lines of data/menus/src (grep -c '^- ' counts them)");
    }

    @Test
    void onlyRamenYaKazeOpensOnMonday() {
        assertEquals(List.of("Ramen-ya Kaze"), GRAPH.restaurants().stream().filter(r -> r.openDays().contains("Monday")).map(MenuGraph.Restaurant::name).toList());
        assertEquals(List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"), GRAPH.restaurant("Ramen-ya Kaze").openDays());
        assertEquals(List.of("Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), GRAPH.restaurant("Beit Zaatar").openDays());
    }

    @Test
    void dishLineGivesPriceDescriptionAllergensAndDiets() {
        MenuGraph.Dish shiro = GRAPH.dish("Shiro");
        assertEquals(13.00, shiro.priceEur());
        assertEquals("Addis Table", shiro.restaurant());
        assertEquals(List.of("gluten"), shiro.allergens());
        assertEquals(List.of("vegetarian", "vegan"), shiro.diets(), "the section says 'all vegan'");
        assertEquals("ground chickpea stew with garlic and ginger", shiro.description());
        MenuGraph.Dish kibbeh = GRAPH.dish("Kibbeh");
        assertEquals(List.of("gluten", "nuts"), kibbeh.allergens());
        assertEquals(List.of(), kibbeh.diets());
        assertEquals(List.of("vegetarian", "vegan"), GRAPH.dish("Chana masala").diets(), "'vegan' in the description");
        assertEquals(List.of("vegetarian"), GRAPH.dish("Palak paneer").diets());
    }

    @Test
    void noneOfTheFourteenIsDeclaredEmptyAndAMissingListIsUndeclared() {
        MenuGraph.Dish sorbet = GRAPH.dish("Mango and passion-fruit sorbet");
        assertTrue(sorbet.allergensDeclared());
        assertEquals(List.of(), sorbet.allergens());
        assertEquals("", sorbet.description());
        assertFalse(GRAPH.dish("Agua de jamaica").allergensDeclared());
        assertFalse(GRAPH.dish("Three courses").allergensDeclared(), "'ask the staff' declares nothing");
    }

    @Test
    void triplesCoverEveryRelationType() {
        var triples = GRAPH.triples();
        for (String r : MenuGraph.RELATIONS) assertTrue(triples.stream().anyMatch(t -> t.relation().equals(r)), r);
        assertTrue(triples.contains(new MenuGraph.Triple("Trattoria Lucerna", "SERVES", "Pizza senza glutine")));
        assertTrue(triples.contains(new MenuGraph.Triple("Pizza senza glutine", "COSTS", "13.00")));
        assertTrue(triples.contains(new MenuGraph.Triple("Ramen-ya Kaze", "OPEN_ON", "Monday")));
    }

    @Test
    void aMalformedDishLineNamesItsFileAndLine() {
        var e = assertThrows(CourseError.class, () -> MenuGraph.parseMenu("x.md",
                List.of("# X", "Opening hours: daily. Closed on Mondays.", "- Soup for 6 euros"), new ArrayList<>(), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("x.md line 3:"), e.getMessage());
    }

    @Test
    void openingHoursThatContradictTheClosedDaysAreRefused() {
        var e = assertThrows(CourseError.class, () -> MenuGraph.openDays("x.md", "Monday to Friday 12:00-22:00. Closed on Mondays."));
        assertTrue(e.getMessage().contains("contradicts"), e.getMessage());
        assertThrows(CourseError.class, () -> MenuGraph.openDays("x.md", "Every day 12:00-22:00."));
    }
}
