package genai.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import genai.CourseError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Text-to-Cypher with slots: a small set of parameterised, hand-written queries over the schema of {@link MenuGraph}.
 * A model picks a template and fills its slots as JSON constrained by {@link #jsonSchema} (Ollama's {@code format});
 * the program checks each slot value against the graph's own names and runs the query with the values as parameters,
 * never pasted into the query text, so a model cannot write Cypher, only choose and fill.
 */
public final class CypherTemplates {

    private CypherTemplates() {}

    /** A query template: its name (the JSON enum value), what it answers, its slots, and its Cypher. */
    public enum Template {
        price_of_dish("the price of one dish", List.of("dish"),
                "MATCH (d:Dish {name: $dish}) RETURN d.price AS answer"),
        restaurant_of_dish("the restaurant that serves a dish", List.of("dish"),
                "MATCH (r:Restaurant)-[:SERVES]->(:Dish {name: $dish}) RETURN r.name AS answer"),
        restaurants_open_on("restaurants open on a day", List.of("day"),
                "MATCH (r:Restaurant)-[:OPEN_ON]->(:Day {name: $day}) RETURN r.name AS answer"),
        restaurants_closed_on("restaurants closed on a day", List.of("day"),
                "MATCH (r:Restaurant) WHERE NOT (r)-[:OPEN_ON]->(:Day {name: $day}) RETURN r.name AS answer"),
        dishes_with_allergen_at("dishes of a restaurant that contain an allergen", List.of("restaurant", "allergen"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish)-[:CONTAINS]->(:Allergen {name: $allergen}) RETURN d.name AS answer"),
        diet_dishes_without_allergen_at("dishes of a diet at a restaurant that do not contain an allergen", List.of("restaurant", "diet", "allergen"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish)-[:SUITABLE_FOR]->(:Diet {name: $diet}) "
                        + "WHERE d.allergensDeclared AND NOT (d)-[:CONTAINS]->(:Allergen {name: $allergen}) RETURN d.name AS answer"),
        diet_dishes_under_price_open_on("dishes of a diet at most a price at restaurants open on a day", List.of("diet", "max_price", "day"),
                "MATCH (:Day {name: $day})<-[:OPEN_ON]-(:Restaurant)-[:SERVES]->(d:Dish)-[:SUITABLE_FOR]->(:Diet {name: $diet}) "
                        + "WHERE d.price <= $max_price RETURN d.name AS answer"),
        count_diet_dishes_at("how many dishes of a diet a restaurant has", List.of("restaurant", "diet"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish)-[:SUITABLE_FOR]->(:Diet {name: $diet}) RETURN count(d) AS answer"),
        count_dishes_at("how many dishes a restaurant has", List.of("restaurant"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish) RETURN count(d) AS answer"),
        cheapest_diet_dish_at("the cheapest dish of a diet at a restaurant", List.of("restaurant", "diet"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish)-[:SUITABLE_FOR]->(:Diet {name: $diet}) "
                        + "RETURN d.name AS answer ORDER BY d.price ASC LIMIT 1"),
        most_expensive_dish_at("the most expensive dish at a restaurant", List.of("restaurant"),
                "MATCH (:Restaurant {name: $restaurant})-[:SERVES]->(d:Dish) RETURN d.name AS answer ORDER BY d.price DESC LIMIT 1");

        public final String means;
        public final List<String> slots;
        public final String cypher;

        Template(String means, List<String> slots, String cypher) {
            this.means = means;
            this.slots = slots;
            this.cypher = cypher;
        }
    }

    /**
     * A template with its parameter values, ready for {@link GraphDb#read}.
     *
     * @param params slot name to value (max_price as a Double)
     */
    public record Filled(Template template, Map<String, Object> params) {}

    /**
     * The JSON schema for Ollama's {@code format}: one alternative per template ({@code anyOf}), each an object with
     * {@code template} fixed to that template's name ({@code const}) and only that template's slots, each slot an enum of
     * the graph's own names (max_price a number). With it the decoder can only write a known template with the slots it
     * needs and names the graph has: a reply can be the wrong choice, never a misspelt name or a missing slot. Listing
     * only the needed slots also keeps the reply short (a small model pads JSON with whitespace, token by token).
     */
    public static ObjectNode jsonSchema(MenuGraph menus) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = json.createObjectNode();
        ArrayNode alternatives = schema.putArray("anyOf");
        for (Template t : Template.values()) {
            ObjectNode alt = alternatives.addObject().put("type", "object");
            ObjectNode props = alt.putObject("properties");
            props.putObject("template").put("type", "string").put("const", t.name());
            ArrayNode required = alt.putArray("required");
            required.add("template");
            for (String slot : t.slots) {
                required.add(slot);
                if (slot.equals("max_price")) props.putObject(slot).put("type", "number");
                else enumOf(props.putObject(slot), known(slot, menus));
            }
            alt.put("additionalProperties", false);
        }
        return schema;
    }

    private static List<String> known(String slot, MenuGraph menus) {
        return switch (slot) {
            case "restaurant" -> menus.restaurants().stream().map(MenuGraph.Restaurant::name).toList();
            case "dish" -> menus.dishes().stream().map(MenuGraph.Dish::name).toList();
            case "allergen" -> menus.allergens();
            case "diet" -> List.of("vegetarian", "vegan");
            case "day" -> MenuGraph.DAYS;
            default -> List.of();
        };
    }

    private static void enumOf(ObjectNode node, List<String> values) {
        node.put("type", "string");
        ArrayNode e = node.putArray("enum");
        values.forEach(e::add);
    }

    /**
     * Reads a model's JSON into a template and its parameters, checking that every slot the template needs is filled
     * with a name the graph has.
     *
     * @throws CourseError in one sentence naming the unknown template or the empty or unknown slot
     */
    public static Filled fill(JsonNode reply, MenuGraph menus) {
        String name = reply.path("template").asText("");
        Template t;
        try {
            t = Template.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new CourseError("No query template named '" + name + "'.");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (String slot : t.slots) {
            JsonNode v = reply.path(slot);
            if (slot.equals("max_price")) {
                if (!v.isNumber() || v.asDouble() <= 0) throw new CourseError("Template " + name + " needs max_price, a positive number of euros; got " + v + ".");
                params.put(slot, v.asDouble());
                continue;
            }
            String s = v.asText("");
            if (!known(slot, menus).contains(s)) throw new CourseError("Template " + name + " needs slot '" + slot + "' to be one of the graph's names; got '" + s + "'.");
            params.put(slot, s);
        }
        return new Filled(t, params);
    }

    /** Runs a filled template read-only and returns its answers as {@link #answers} writes them. */
    public static List<String> run(GraphDb db, Filled filled) {
        return answers(db.read(filled.template().cypher, filled.params()));
    }

    /**
     * The column {@code answer} of each row as text: a price (a Double) with two decimals, a count as an integer,
     * a name as it is.
     */
    public static List<String> answers(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("answer")).map(v -> v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d)
                : String.valueOf(v)).toList();
    }
}
