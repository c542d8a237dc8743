package com.mspanalytics.simulator.connectwise;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The ConnectWise {@code conditions} grammar (the filter language of its list endpoints), parsed into a predicate
 * over a record's JSON:
 * <pre>
 * expr       = and { OR and }
 * and        = unary { AND unary }
 * unary      = NOT unary | "(" expr ")" | comparison
 * comparison = path [NOT] op value
 * op         = "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | contains | like | in
 * value      = "string" | number | [datetime] | True | False | null | "(" value {"," value} ")"
 * </pre>
 * Keywords are case-insensitive; string comparisons are too, like ConnectWise's SQL Server collation.
 * {@code like} takes {@code *} and {@code %} as wildcards. Single-quoted strings are refused, as the guide asks for double quotes.
 */
final class Conditions {

    private final List<Token> tokens;
    private final JsonNode template;
    private int pos;

    private Conditions(String text, JsonNode template) {
        this.tokens = Token.scan(text);
        this.template = template;
    }

    /** Parses {@code text}; {@code template} is any record of the collection, to reject unknown fields. */
    static Predicate<JsonNode> parse(String text, JsonNode template) {
        if (text == null || text.isBlank()) return r -> true;
        var parser = new Conditions(text, template);
        var predicate = parser.expr();
        if (parser.pos < parser.tokens.size()) throw new InvalidConditions("Unexpected '" + parser.peek().text + "' in conditions");
        return predicate;
    }

    private Predicate<JsonNode> expr() {
        var left = and();
        while (keyword("or")) {
            var l = left;
            var r = and();
            left = n -> l.test(n) || r.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        var left = unary();
        while (keyword("and")) {
            var l = left;
            var r = unary();
            left = n -> l.test(n) && r.test(n);
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (keyword("not")) return unary().negate();
        if (symbol("(")) {
            var inner = expr();
            expect(")");
            return inner;
        }
        return comparison();
    }

    private Predicate<JsonNode> comparison() {
        Token field = next();
        if (field.kind != Token.Kind.WORD) throw new InvalidConditions("Expected a field name but found '" + field.text + "'");
        if (template != null && !Fields.known(template, field.text)) {
            throw new InvalidConditions("Unknown field '" + field.text + "' in conditions");
        }
        boolean negate = keyword("not");
        Token op = next();
        String operator = op.text.toLowerCase(Locale.ROOT);
        Predicate<JsonNode> test = switch (operator) {
            case "=", "!=", "<", "<=", ">", ">=" -> compare(field.text, operator, value());
            case "contains" -> {
                String needle = text(value()).toLowerCase(Locale.ROOT);
                yield n -> textOf(Fields.resolve(n, field.text)).toLowerCase(Locale.ROOT).contains(needle);
            }
            case "like" -> {
                Pattern pattern = wildcard(text(value()));
                yield n -> pattern.matcher(textOf(Fields.resolve(n, field.text))).matches();
            }
            case "in" -> {
                expect("(");
                var options = new ArrayList<Predicate<JsonNode>>();
                do options.add(compare(field.text, "=", value())); while (symbol(","));
                expect(")");
                yield n -> options.stream().anyMatch(o -> o.test(n));
            }
            default -> throw new InvalidConditions("Unknown operator '" + op.text + "' in conditions");
        };
        return negate ? test.negate() : test;
    }

    private Predicate<JsonNode> compare(String path, String operator, Object literal) {
        return n -> {
            JsonNode value = Fields.resolve(n, path);
            boolean isNull = value.isMissingNode() || value.isNull();
            if (literal == null) return switch (operator) {
                case "=" -> isNull;
                case "!=" -> !isNull;
                default -> false;
            };
            if (isNull) return operator.equals("!=");
            int cmp;
            if (literal instanceof Instant instant) {
                Instant actual = instantOf(value);
                if (actual == null) return false;
                cmp = actual.compareTo(instant);
            } else if (literal instanceof BigDecimal number) {
                if (!value.isNumber()) return false;
                cmp = value.decimalValue().compareTo(number);
            } else if (literal instanceof Boolean bool) {
                if (!value.isBoolean()) return false;
                cmp = Boolean.compare(value.booleanValue(), bool);
            } else {
                cmp = textOf(value).compareToIgnoreCase((String) literal);
            }
            return switch (operator) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp >= 0;
            };
        };
    }

    private Object value() {
        Token t = next();
        return switch (t.kind) {
            case STRING -> t.text;
            case DATE -> {
                try {
                    yield Instant.parse(t.text);
                } catch (DateTimeParseException e) {
                    throw new InvalidConditions("Invalid datetime [" + t.text + "] in conditions");
                }
            }
            case NUMBER -> new BigDecimal(t.text);
            case WORD -> switch (t.text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> throw new InvalidConditions("Expected a value but found '" + t.text + "'; strings need double quotes");
            };
            default -> throw new InvalidConditions("Expected a value but found '" + t.text + "'");
        };
    }

    private static String text(Object literal) {
        if (!(literal instanceof String s)) throw new InvalidConditions("contains and like need a \"string\"");
        return s;
    }

    private static Pattern wildcard(String like) {
        var regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '*' || c == '%') regex.append(".*");
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static String textOf(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "" : node.isString() ? node.stringValue() : node.toString();
    }

    private static Instant instantOf(JsonNode node) {
        if (!node.isString()) return null;
        try {
            return Instant.parse(node.stringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private boolean keyword(String word) {
        if (pos < tokens.size() && tokens.get(pos).kind == Token.Kind.WORD && tokens.get(pos).text.equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        if (pos < tokens.size() && tokens.get(pos).kind == Token.Kind.SYMBOL && tokens.get(pos).text.equals(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!symbol(s)) throw new InvalidConditions("Expected '" + s + "' in conditions");
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        if (pos >= tokens.size()) throw new InvalidConditions("Unexpected end of conditions");
        return tokens.get(pos++);
    }

    private record Token(Kind kind, String text) {
        enum Kind { WORD, STRING, NUMBER, DATE, SYMBOL }

        static List<Token> scan(String s) {
            var tokens = new ArrayList<Token>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) throw new InvalidConditions("Unterminated string in conditions");
                    tokens.add(new Token(Kind.STRING, s.substring(i + 1, end)));
                    i = end + 1;
                } else if (c == '[') {
                    int end = s.indexOf(']', i + 1);
                    if (end < 0) throw new InvalidConditions("Unterminated datetime in conditions");
                    tokens.add(new Token(Kind.DATE, s.substring(i + 1, end).trim()));
                    i = end + 1;
                } else if (c == '\'') {
                    throw new InvalidConditions("Strings in conditions must be in double quotes");
                } else if ("(),".indexOf(c) >= 0) {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                } else if ("=!<>".indexOf(c) >= 0) {
                    int end = i + 1 < s.length() && s.charAt(i + 1) == '=' ? i + 2 : i + 1;
                    String op = s.substring(i, end);
                    if (op.equals("!")) throw new InvalidConditions("Unknown operator '!' in conditions");
                    tokens.add(new Token(Kind.WORD, op));
                    i = end;
                } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    int end = i + 1;
                    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) end++;
                    tokens.add(new Token(Kind.NUMBER, s.substring(i, end)));
                    i = end;
                } else if (Character.isLetter(c) || c == '_') {
                    int end = i + 1;
                    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || "_/.".indexOf(s.charAt(end)) >= 0)) end++;
                    tokens.add(new Token(Kind.WORD, s.substring(i, end)));
                    i = end;
                } else {
                    throw new InvalidConditions("Unexpected character '" + c + "' in conditions");
                }
            }
            return tokens;
        }
    }
}
