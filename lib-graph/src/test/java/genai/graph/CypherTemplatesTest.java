package genai.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import genai.CourseError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CypherTemplatesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void schemaHasOneAlternativePerTemplateWithOnlyItsSlotsAsTheGraphsNames() {
        var schema = CypherTemplates.jsonSchema(MenuGraphTest.GRAPH);
        var alternatives = schema.path("anyOf");
        assertEquals(CypherTemplates.Template.values().length, alternatives.size());
        var underPrice = alternatives.get(CypherTemplates.Template.diet_dishes_under_price_open_on.ordinal());
        assertEquals("diet_dishes_under_price_open_on", underPrice.at("/properties/template/const").asText());
        assertEquals(List.of("template", "diet", "max_price", "day"), JSON.convertValue(underPrice.path("required"), List.class));
        assertEquals(7, underPrice.at("/properties/day/enum").size());
        assertEquals("number", underPrice.at("/properties/max_price/type").asText());
        assertFalse(underPrice.path("additionalProperties").asBoolean(true));
        assertEquals(2, alternatives.get(0).path("properties").size(), "price_of_dish has template and dish only");
        assertEquals(87, alternatives.get(0).at("/properties/dish/enum").size());
    }

    @Test
    void fillKeepsOnlyTheTemplatesSlotsAsParameters() throws Exception {
        var filled = CypherTemplates.fill(JSON.readTree("""
                {"template": "diet_dishes_under_price_open_on", "restaurant": "La Milpa", "dish": "", "allergen": "",
                 "diet": "vegan", "day": "Tuesday", "max_price": 13}"""), MenuGraphTest.GRAPH);
        assertEquals(CypherTemplates.Template.diet_dishes_under_price_open_on, filled.template());
        assertEquals(List.of("diet", "max_price", "day"), List.copyOf(filled.params().keySet()));
        assertEquals(13.0, filled.params().get("max_price"));
    }

    @Test
    void anEmptyOrUnknownSlotOrTemplateIsOneSentence() throws Exception {
        var e = assertThrows(CourseError.class, () -> CypherTemplates.fill(JSON.readTree(
                "{\"template\": \"price_of_dish\", \"dish\": \"\"}"), MenuGraphTest.GRAPH));
        assertTrue(e.getMessage().contains("slot 'dish'"), e.getMessage());
        e = assertThrows(CourseError.class, () -> CypherTemplates.fill(JSON.readTree("{\"template\": \"drop_all\"}"), MenuGraphTest.GRAPH));
        assertEquals("No query template named 'drop_all'.", e.getMessage());
        e = assertThrows(CourseError.class, () -> CypherTemplates.fill(JSON.readTree(
                "{\"template\": \"diet_dishes_under_price_open_on\", \"diet\": \"vegan\", \"day\": \"Monday\", \"max_price\": 0}"), MenuGraphTest.GRAPH));
        assertTrue(e.getMessage().contains("max_price"), e.getMessage());
    }

    @Test
    void answersWritePricesWithTwoDecimalsAndCountsAsIntegers() {
        assertEquals(List.of("13.00", "4", "Shiro"), CypherTemplates.answers(List.of(
                java.util.Map.of("answer", 13.0), java.util.Map.of("answer", 4L), java.util.Map.of("answer", "Shiro"))));
    }
}
