package genai.tools;

import genai.data.CourseData;
import genai.data.ToolData;
import genai.CourseError;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shop the lesson's tools act on: the catalogue ({@code data/catalogue/products.csv}), its stock
 * ({@code data/tools/stock.csv}) and its orders ({@code data/tools/orders.csv}), loaded into a fresh
 * in-memory H2 database per instance, so placing an order in one run does not leak into the next.
 * The tools are real code: {@link #searchProducts}, {@link #stock}, {@link #orderStatus},
 * {@link #placeOrder} (which lowers the stock) and {@link Calculator}. {@link #executor()} registers
 * all five as tools. Close the shop to drop its database.
 */
public final class Shop implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Connection db;

    private Shop(Connection db) {
        this.db = db;
    }

    /**
     * A new shop with the course's catalogue, stock and orders.
     *
     * @throws CourseError if the data files are missing or H2 fails
     */
    public static Shop open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:h2:mem:shop" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=0");
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE product (id VARCHAR PRIMARY KEY, name VARCHAR, category VARCHAR, price_eur DECIMAL(10,2))");
                s.execute("CREATE TABLE stock (product_id VARCHAR PRIMARY KEY, units INT)");
                s.execute("CREATE TABLE orders (order_id VARCHAR PRIMARY KEY, product_id VARCHAR, quantity INT, status VARCHAR, ordered_on DATE, delivery_date DATE)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO product VALUES (?, ?, ?, ?)")) {
                for (CourseData.Product pr : CourseData.products()) {
                    p.setString(1, pr.id());
                    p.setString(2, pr.name());
                    p.setString(3, pr.category());
                    p.setBigDecimal(4, BigDecimal.valueOf(pr.priceEur()));
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO stock VALUES (?, ?)")) {
                for (ToolData.Stock s : ToolData.stock()) {
                    p.setString(1, s.productId());
                    p.setInt(2, s.units());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
                for (ToolData.Order o : ToolData.orders()) {
                    p.setString(1, o.orderId());
                    p.setString(2, o.productId());
                    p.setInt(3, o.quantity());
                    p.setString(4, o.status());
                    p.setObject(5, o.orderedOn());
                    p.setObject(6, o.deliveryDate());
                    p.executeUpdate();
                }
            }
            return new Shop(c);
        } catch (SQLException e) {
            throw new CourseError("The shop database could not be created: " + e.getMessage());
        }
    }

    /**
     * Products whose name, category or id contains every word of the query (case-insensitive; a
     * trailing plural "s" is ignored).
     *
     * @param query e.g. "tower fan"
     * @return id, name, category and price_eur of each match, at most 5
     */
    public List<Map<String, Object>> searchProducts(String query) {
        List<String> words = new ArrayList<>();
        for (String w : query.toLowerCase(Locale.ROOT).split("[^a-z0-9-]+")) {
            if (w.isBlank()) continue;
            words.add(w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> p : query("SELECT id, name, category, price_eur FROM product ORDER BY id")) {
            String hay = (p.get("ID") + " " + p.get("NAME") + " " + p.get("CATEGORY")).toLowerCase(Locale.ROOT);
            if (!words.isEmpty() && words.stream().allMatch(hay::contains) && out.size() < 5) {
                out.add(Map.of("id", p.get("ID"), "name", p.get("NAME"), "category", p.get("CATEGORY"), "price_eur", p.get("PRICE_EUR")));
            }
        }
        return out;
    }

    /**
     * Units in stock.
     *
     * @param productId e.g. "P07" (case-insensitive)
     * @throws CourseError if there is no such product
     */
    public int stock(String productId) {
        List<Map<String, Object>> rows = query("SELECT units FROM stock WHERE product_id = ?", productId.toUpperCase(Locale.ROOT));
        if (rows.isEmpty()) throw new CourseError("There is no product " + productId + ".");
        return ((Number) rows.get(0).get("UNITS")).intValue();
    }

    /**
     * The status of an order.
     *
     * @param orderId e.g. "A1002" (case-insensitive)
     * @return order_id, product_id, quantity, status, ordered_on and delivery_date (ISO dates, "" if none)
     * @throws CourseError if there is no such order
     */
    public Map<String, Object> orderStatus(String orderId) {
        List<Map<String, Object>> rows = query("SELECT * FROM orders WHERE order_id = ?", orderId.toUpperCase(Locale.ROOT));
        if (rows.isEmpty()) throw new CourseError("There is no order " + orderId + ".");
        Map<String, Object> r = rows.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order_id", r.get("ORDER_ID"));
        out.put("product_id", r.get("PRODUCT_ID"));
        out.put("quantity", r.get("QUANTITY"));
        out.put("status", r.get("STATUS"));
        out.put("ordered_on", String.valueOf(r.get("ORDERED_ON")));
        out.put("delivery_date", r.get("DELIVERY_DATE") == null ? "" : String.valueOf(r.get("DELIVERY_DATE")));
        return out;
    }

    /**
     * Places an order and lowers the stock, in one transaction.
     *
     * @param productId    e.g. "P09"
     * @param quantity     units, at least 1
     * @param deliveryDate requested delivery date (YYYY-MM-DD), or null for the earliest
     * @return the new order id ("B" followed by a number)
     * @throws CourseError if the product does not exist, the stock is too low or the date is not a date
     */
    public synchronized String placeOrder(String productId, int quantity, String deliveryDate) {
        String id = productId.toUpperCase(Locale.ROOT);
        if (quantity < 1) throw new CourseError("The quantity must be at least 1.");
        LocalDate date = null;
        if (deliveryDate != null && !deliveryDate.isBlank()) {
            try {
                date = LocalDate.parse(deliveryDate);
            } catch (DateTimeParseException e) {
                throw new CourseError("'" + deliveryDate + "' is not a date written YYYY-MM-DD.");
            }
        }
        int units = stock(id);
        if (units < quantity) throw new CourseError("Only " + units + " units of " + id + " are in stock, so " + quantity + " cannot be ordered.");
        String orderId = "B" + (2000 + ((Number) query("SELECT COUNT(*) AS N FROM orders").get(0).get("N")).intValue() + 1);
        update("UPDATE stock SET units = units - ? WHERE product_id = ?", quantity, id);
        update("INSERT INTO orders VALUES (?, ?, ?, 'processing', CURRENT_DATE, ?)", orderId, id, quantity, date);
        return orderId;
    }

    /** How many orders the database holds (the 8 from data/ plus those placed since). */
    public int orderCount() {
        return ((Number) query("SELECT COUNT(*) AS N FROM orders").get(0).get("N")).intValue();
    }

    /**
     * An executor with the five shop tools: {@code search_products(query)}, {@code get_stock(product_id)},
     * {@code order_status(order_id)}, {@code place_order(product_id, quantity, delivery_date?)} (side
     * effects: needs a confirmation) and {@code calculate(expression)}.
     */
    public ToolExecutor executor() {
        ToolExecutor ex = new ToolExecutor();
        for (ToolSpec s : specs()) {
            ex.register(s, args -> switch (s.name()) {
                case "search_products" -> searchProducts(args.get("query").asText());
                case "get_stock" -> Map.of("product_id", args.get("product_id").asText().toUpperCase(Locale.ROOT), "units", stock(args.get("product_id").asText()));
                case "order_status" -> orderStatus(args.get("order_id").asText());
                case "place_order" -> Map.of("order_id", placeOrder(args.get("product_id").asText(), args.get("quantity").asInt(),
                        args.hasNonNull("delivery_date") ? args.get("delivery_date").asText() : null));
                case "calculate" -> Map.of("value", Calculator.evaluate(args.get("expression").asText()).toPlainString());
                default -> throw new IllegalStateException(s.name());
            });
        }
        return ex;
    }

    /** The five shop tools' specifications, in the order {@link #executor()} registers them. */
    public static List<ToolSpec> specs() {
        String productId = "^[Pp][0-9]{2}$";
        return List.of(
                ToolSpec.builder("search_products", "Find catalogue products by words in their name or category.")
                        .string("query", "words to look for, e.g. tent or Brisa Tower Fan", true).build(),
                ToolSpec.builder("get_stock", "Number of units of one product in stock today.")
                        .pattern("product_id", "product id, P01 to P18", productId, true).build(),
                ToolSpec.builder("order_status", "Status and delivery date of an existing order.")
                        .pattern("order_id", "order id such as A1002", "^[A-Za-z][0-9]{4}$", true).build(),
                ToolSpec.builder("place_order", "Order units of one product for the customer.")
                        .pattern("product_id", "product id, P01 to P18", productId, true)
                        .integer("quantity", "number of units", 1, 100, true)
                        .date("delivery_date", "requested delivery date", false)
                        .sideEffects().build(),
                ToolSpec.builder("calculate", "Exact arithmetic on numbers with + - * / and parentheses.")
                        .string("expression", "the arithmetic expression, e.g. 3*39.90", true).build());
    }

    private List<Map<String, Object>> query(String sql, Object... params) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
            try (ResultSet rs = p.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new CourseError("The shop database failed: " + e.getMessage());
        }
    }

    private void update(String sql, Object... params) {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) p.setObject(i + 1, params[i]);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new CourseError("The shop database failed: " + e.getMessage());
        }
    }

    /** Drops the in-memory database. */
    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing an in-memory database only fails if it is already gone
        }
    }
}
