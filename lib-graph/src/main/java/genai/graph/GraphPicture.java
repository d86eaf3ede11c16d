package genai.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a small part of a graph (tens of nodes) to an image with Java2D, radially: the centre node in the middle,
 * its neighbours on a ring, their other neighbours on an outer ring near the nodes they hang from. A graph-drawing
 * library (Graphviz, JGraphX) would place nodes better, but none runs in-process without a native binary or a Swing
 * stack of its own; for one restaurant's neighbourhood a radial layout is readable.
 */
public final class GraphPicture {

    private GraphPicture() {}

    /** One directed relationship between two named nodes. */
    public record Edge(String from, String type, String to) {}

    private static final Map<String, Color> COLOURS = Map.of(
            "Restaurant", new Color(0xE4, 0x57, 0x2E), "Dish", new Color(0x2E, 0x86, 0xAB),
            "Allergen", new Color(0xF3, 0xA7, 0x12), "Diet", new Color(0x3B, 0xB2, 0x73), "Day", new Color(0x8E, 0x6C, 0x8A));

    /**
     * Renders the edges around {@code centre}.
     *
     * @param centre the node in the middle (must appear in an edge)
     * @param edges  the relationships to draw; nodes more than two steps from the centre are left out
     * @param kindOf each node's label (Restaurant, Dish, Allergen, Diet, Day pick the colour; others are grey)
     * @param width  image width in pixels (at least 200)
     * @param height image height in pixels (at least 200)
     * @return an RGB image with a legend of the kinds drawn
     * @throws IllegalArgumentException when the centre is in no edge or the size is too small
     */
    public static BufferedImage draw(String centre, List<Edge> edges, Map<String, String> kindOf, int width, int height) {
        if (width < 200 || height < 200) throw new IllegalArgumentException("Need at least 200 x 200 pixels, got " + width + " x " + height);
        Map<String, Set<String>> next = new HashMap<>();
        for (Edge e : edges) {
            next.computeIfAbsent(e.from(), k -> new LinkedHashSet<>()).add(e.to());
            next.computeIfAbsent(e.to(), k -> new LinkedHashSet<>()).add(e.from());
        }
        if (!next.containsKey(centre)) throw new IllegalArgumentException("'" + centre + "' is in none of the edges.");
        List<String> ring1 = new ArrayList<>(next.get(centre));
        Map<String, double[]> at = new LinkedHashMap<>();
        double cx = width / 2.0, cy = height / 2.0, r1 = Math.min(width, height) * 0.27, r2 = Math.min(width, height) * 0.44;
        at.put(centre, new double[] {cx, cy});
        Map<String, Double> angle = new HashMap<>();
        for (int i = 0; i < ring1.size(); i++) {
            double a = 2 * Math.PI * i / ring1.size() - Math.PI / 2;
            angle.put(ring1.get(i), a);
            at.put(ring1.get(i), new double[] {cx + r1 * Math.cos(a), cy + r1 * Math.sin(a)});
        }
        // Outer nodes sit at the mean direction of the ring-1 nodes they hang from, then are spread apart evenly in order.
        List<String> ring2 = new ArrayList<>();
        Map<String, Double> want = new HashMap<>();
        for (String n : next.keySet()) {
            if (at.containsKey(n)) continue;
            double sx = 0, sy = 0;
            int k = 0;
            for (String m : next.get(n)) {
                if (angle.containsKey(m)) { sx += Math.cos(angle.get(m)); sy += Math.sin(angle.get(m)); k++; }
            }
            if (k == 0) continue;
            ring2.add(n);
            want.put(n, Math.atan2(sy, sx));
        }
        ring2.sort(Comparator.comparingDouble(want::get));
        for (int i = 0; i < ring2.size(); i++) {
            double a = 0.5 * want.get(ring2.get(i)) + 0.5 * (2 * Math.PI * i / ring2.size() - Math.PI);
            at.put(ring2.get(i), new double[] {cx + r2 * Math.cos(a), cy + r2 * Math.sin(a)});
        }

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (Edge e : edges) {
            double[] a = at.get(e.from()), b = at.get(e.to());
            if (a == null || b == null) continue;
            g.setColor(new Color(0xBB, 0xBB, 0xBB));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
            g.setColor(new Color(0x88, 0x88, 0x88));
            g.drawString(e.type(), (float) (0.6 * a[0] + 0.4 * b[0]), (float) (0.6 * a[1] + 0.4 * b[1]));
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        FontMetrics fm = g.getFontMetrics();
        for (var entry : at.entrySet()) {
            String name = entry.getKey();
            double[] p = entry.getValue();
            Color c = COLOURS.getOrDefault(kindOf.getOrDefault(name, ""), Color.GRAY);
            int w = fm.stringWidth(name) + 10, h = fm.getHeight() + 4;
            int x = (int) Math.round(p[0] - w / 2.0), y = (int) Math.round(p[1] - h / 2.0);
            g.setColor(c);
            g.fillRoundRect(x, y, w, h, 10, 10);
            g.setColor(Color.WHITE);
            g.drawString(name, x + 5, y + fm.getAscent() + 2);
        }
        int lx = 10, ly = 16;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (String kind : List.of("Restaurant", "Dish", "Allergen", "Diet", "Day")) {
            if (!kindOf.containsValue(kind)) continue;
            g.setColor(COLOURS.get(kind));
            g.fillRect(lx, ly - 9, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(kind, lx + 14, ly);
            ly += 15;
        }
        g.dispose();
        return image;
    }
}
