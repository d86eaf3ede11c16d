package genai.tools;

import genai.CourseError;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Exact decimal arithmetic for the {@code calculate} tool: numbers, {@code + - * /}, unary minus and
 * parentheses, evaluated with {@link BigDecimal} (34 significant digits, so 39.90 + 14.90 is 54.80,
 * not 54.800000000000004). Nothing else is accepted: no names, no functions, no exponent operator.
 */
public final class Calculator {

    private final String text;
    private int pos;

    private Calculator(String text) {
        this.text = text;
    }

    /**
     * The value of an arithmetic expression such as {@code "(64.50 - 12.25) * 3"}.
     *
     * @param expression digits, '.', '+', '-', '*', '/', '(' and ')', spaces allowed; '×' and 'x'
     *                   between numbers are read as '*', '÷' as '/'
     * @return the exact value, trailing zeros stripped (a whole number has scale 0)
     * @throws CourseError if the expression is empty, has another character, is unbalanced or divides by zero
     */
    public static BigDecimal evaluate(String expression) {
        if (expression == null || expression.isBlank()) throw new CourseError("The expression is empty.");
        String normalised = expression.replace('×', '*').replace('÷', '/').replaceAll("(?<=[0-9)\\s])[xX](?=[\\s0-9(])", "*");
        Calculator c = new Calculator(normalised);
        BigDecimal value = c.sum();
        c.skipSpaces();
        if (c.pos != c.text.length()) {
            throw new CourseError("The expression has an unexpected '" + c.text.charAt(c.pos) + "' at position " + (c.pos + 1) + ".");
        }
        value = value.stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private BigDecimal sum() {
        BigDecimal v = product();
        while (true) {
            skipSpaces();
            if (eat('+')) v = v.add(product());
            else if (eat('-')) v = v.subtract(product());
            else return v;
        }
    }

    private BigDecimal product() {
        BigDecimal v = factor();
        while (true) {
            skipSpaces();
            if (eat('*')) v = v.multiply(factor());
            else if (eat('/')) {
                BigDecimal d = factor();
                if (d.signum() == 0) throw new CourseError("The expression divides by zero.");
                v = v.divide(d, MathContext.DECIMAL128).setScale(10, RoundingMode.HALF_EVEN);
            } else return v;
        }
    }

    private BigDecimal factor() {
        skipSpaces();
        if (eat('-')) return factor().negate();
        if (eat('+')) return factor();
        if (eat('(')) {
            BigDecimal v = sum();
            skipSpaces();
            if (!eat(')')) throw new CourseError("The expression is missing a ')'.");
            return v;
        }
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) pos++;
        if (start == pos) {
            throw new CourseError(pos < text.length() ? "The expression has an unexpected '" + text.charAt(pos) + "' at position " + (pos + 1) + "."
                    : "The expression ends where a number was expected.");
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new CourseError("'" + text.substring(start, pos) + "' is not a number.");
        }
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }
}
