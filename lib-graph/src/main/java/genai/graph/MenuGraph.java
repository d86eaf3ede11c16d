package genai.graph;

import genai.CourseError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ground-truth knowledge graph of lesson 13, parsed from the Markdown the menu PDFs were printed from
 * ({@code data/menus/src/*.md}, written for lesson 09). The schema, as loaded into Neo4j by {@link GraphDb#loadMenus}:
 *
 * <pre>
 * (:Restaurant {name, cuisine, address, phone})-[:SERVES]->(:Dish {name, price, section, description, allergensDeclared})
 * (:Restaurant)-[:OPEN_ON]->(:Day {name, number})          number: 1 = Monday .. 7 = Sunday (ISO 8601)
 * (:Dish)-[:CONTAINS]->(:Allergen {name})                  one of the 14 allergens of Regulation (EU) No 1169/2011
 * (:Dish)-[:SUITABLE_FOR]->(:Diet {name})                  'vegetarian' or 'vegan', as the menu labels the dish
 * </pre>
 *
 * A dish line reads {@code - Name — €12.50 — description. Allergens: a, b.}; "Allergens: none of the fourteen"
 * declares none, and a dish with no "Allergens:" part (a drink, the set menu) has {@code allergensDeclared = false}:
 * "does it contain nuts?" has no answer for it. A dish is vegetarian when its section's heading says "Vegetarian",
 * vegan when the heading or its description says "vegan". Opening days are the seven days less those named in the
 * "Closed on ..." sentence, cross-checked against the "X to Y" day ranges of the opening hours.
 *
 * @param restaurants the seven restaurants, sorted by file name
 * @param dishes      every dish line, in menu order
 */
public record MenuGraph(List<Restaurant> restaurants, List<Dish> dishes) {

    /** The days of the week, Monday first (ISO 8601 numbering is index + 1). */
    public static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    /** The relation types a triple may have; {@link #triples()} writes each of them. */
    public static final List<String> RELATIONS = List.of("SERVES", "COSTS", "CONTAINS", "SUITABLE_FOR", "OPEN_ON");

    /**
     * A restaurant.
     *
     * @param openDays day names from {@link #DAYS}, Monday first
     */
    public record Restaurant(String name, String file, String cuisine, String address, String phone, List<String> openDays) {}

    /**
     * A dish of one restaurant.
     *
     * @param priceEur          price in euros
     * @param description       the menu's words after the price, without the allergen list ("" when there are none)
     * @param allergens         lower-case allergen names as the menu writes them (empty when none or not declared)
     * @param allergensDeclared false when the menu gives no allergen list for this dish
     * @param diets             "vegetarian" and/or "vegan", or empty
     */
    public record Dish(String name, String restaurant, String section, double priceEur, String description,
                       List<String> allergens, boolean allergensDeclared, List<String> diets) {}

    /**
     * One fact of the graph as (subject, relation, object), the unit that extraction is scored on. Prices are written
     * with two decimals ("13.50"), names as the menu writes them.
     */
    public record Triple(String subject, String relation, String object) {}

    private static final Pattern DISH = Pattern.compile("^- (.+?) — €([0-9]+(?:\\.[0-9]{1,2})?) — ?(.*)$");
    private static final Pattern ALLERGENS = Pattern.compile("(?:^|\\s)Allergens: ([^.]*)\\.?\\s*$");
    private static final Pattern CLOSED = Pattern.compile("Closed on ([A-Za-z ,]+?)\\.");
    private static final Pattern RANGE = Pattern.compile("(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) to (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)");

    /**
     * Parses every {@code *.md} file of a folder.
     *
     * @param sourceDir a folder such as {@code data/menus/src}
     * @throws CourseError naming the file and line when a menu does not follow the layout above, or when the folder
     *                     holds no menu
     */
    public static MenuGraph parse(Path sourceDir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(sourceDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new CourseError("Cannot list the menu sources in " + sourceDir + " (" + e.getMessage() + "): run the notebook from the course checkout.");
        }
        if (files.isEmpty()) throw new CourseError("No menu (*.md) in " + sourceDir + ": run the notebook from the course checkout.");
        List<Restaurant> restaurants = new ArrayList<>();
        List<Dish> dishes = new ArrayList<>();
        for (Path f : files) {
            try {
                parseMenu(f.getFileName().toString(), Files.readAllLines(f), restaurants, dishes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MenuGraph(List.copyOf(restaurants), List.copyOf(dishes));
    }

    static void parseMenu(String file, List<String> lines, List<Restaurant> restaurants, List<Dish> dishes) {
        String name = null, cuisine = "", address = "", phone = "", hours = null, section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("# ")) name = line.substring(2).strip();
            else if (line.startsWith("## ")) section = line.substring(3).strip();
            else if (line.startsWith("Cuisine: ")) cuisine = line.substring(9).replaceAll("[.;].*$", "").strip();
            else if (line.startsWith("Address: ")) address = line.substring(9).replaceAll("\\.$", "");
            else if (line.startsWith("Phone: ")) phone = line.substring(7).replaceAll("\\.$", "");
            else if (line.startsWith("Opening hours: ")) hours = line.substring(15);
            else if (line.startsWith("- ")) {
                if (name == null) throw new CourseError(file + " line " + (i + 1) + ": a dish before the '# Name' title line.");
                Matcher m = DISH.matcher(line);
                if (!m.matches()) throw new CourseError(file + " line " + (i + 1) + ": not a dish line ('- Name — €price — description'): " + line);
                dishes.add(dish(m.group(1).strip(), name, section, Double.parseDouble(m.group(2)), m.group(3).strip()));
            }
        }
        if (name == null || hours == null) throw new CourseError(file + ": needs a '# Name' title and an 'Opening hours:' line.");
        restaurants.add(new Restaurant(name, file, cuisine, address, phone, openDays(file, hours)));
    }

    private static Dish dish(String name, String restaurant, String section, double price, String rest) {
        Matcher a = ALLERGENS.matcher(rest);
        List<String> allergens = List.of();
        boolean declared = false;
        String description = rest;
        if (a.find()) {
            description = rest.substring(0, a.start()).strip();
            String list = a.group(1).strip().toLowerCase(Locale.ROOT);
            if (!list.startsWith("ask")) {
                declared = true;
                allergens = list.startsWith("none") ? List.of()
                        : Stream.of(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            }
        }
        Set<String> diets = new LinkedHashSet<>();
        String heading = section.toLowerCase(Locale.ROOT);
        if (heading.contains("vegetarian")) diets.add("vegetarian");
        if (heading.contains("vegan") || description.toLowerCase(Locale.ROOT).contains("vegan")) {
            diets.add("vegetarian");
            diets.add("vegan");
        }
        return new Dish(name, restaurant, section, price, description.replaceAll("[.]$", ""), allergens, declared, List.copyOf(diets));
    }

    static List<String> openDays(String file, String hours) {
        Matcher closed = CLOSED.matcher(hours);
        if (!closed.find()) throw new CourseError(file + ": the opening hours need a 'Closed on ...' sentence: " + hours);
        Set<String> shut = new LinkedHashSet<>();
        for (String part : closed.group(1).split(",| and ")) {
            String day = part.strip().replaceAll("s$", "");
            if (day.isEmpty()) continue;
            if (!DAYS.contains(day)) throw new CourseError(file + ": '" + part.strip() + "' in 'Closed on' is not a day of the week.");
            shut.add(day);
        }
        List<String> open = DAYS.stream().filter(d -> !shut.contains(d)).toList();
        Matcher r = RANGE.matcher(hours.substring(0, closed.start()));
        while (r.find()) {
            int from = DAYS.indexOf(r.group(1)), to = DAYS.indexOf(r.group(2));
            for (int d = from; d <= to; d++) {
                if (!open.contains(DAYS.get(d))) throw new CourseError(file + ": '" + r.group() + "' contradicts '" + closed.group() + "'.");
            }
        }
        return open;
    }

    /** The restaurant with this exact name. @throws CourseError when there is none */
    public Restaurant restaurant(String name) {
        return restaurants.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new CourseError("No restaurant named '" + name + "' in the menus."));
    }

    /** The dish with this exact name. @throws CourseError when there is none */
    public Dish dish(String name) {
        return dishes.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new CourseError("No dish named '" + name + "' in the menus."));
    }

    /** Every allergen named on some menu, sorted. */
    public List<String> allergens() {
        return dishes.stream().flatMap(d -> d.allergens().stream()).distinct().sorted().toList();
    }

    /** Every fact of the graph as triples, in the order of {@link #RELATIONS} within each restaurant and dish. */
    public List<Triple> triples() {
        List<Triple> out = new ArrayList<>();
        for (Restaurant r : restaurants) {
            for (String day : r.openDays()) out.add(new Triple(r.name(), "OPEN_ON", day));
        }
        for (Dish d : dishes) {
            out.add(new Triple(d.restaurant(), "SERVES", d.name()));
            out.add(new Triple(d.name(), "COSTS", price(d.priceEur())));
            for (String a : d.allergens()) out.add(new Triple(d.name(), "CONTAINS", a));
            for (String diet : d.diets()) out.add(new Triple(d.name(), "SUITABLE_FOR", diet));
        }
        return out;
    }

    /** A price as the triples write it: two decimals, no currency sign ("13.50"). */
    public static String price(double eur) {
        return String.format(Locale.ROOT, "%.2f", eur);
    }
}
