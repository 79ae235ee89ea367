package org.geokg.projection;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDF literals as Neo4j property values, by the rules of the Python projection
 * (kg/projection/values.py, which is the reference: a test compares the two paths' output).
 * A literal is handled in its claim encoding: kind "" (plain), "@lang", "^datatype" or "<" (IRI).
 */
final class Values {

    static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    private static final Set<String> INTEGERS = Set.of(
            "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
            "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
            "unsignedShort", "unsignedByte");
    private static final Set<String> FLOATS = Set.of("decimal", "double", "float");
    private static final Pattern PARTIAL = Pattern.compile("(\\d{4})(?:-(\\d{2}))?(?:-(\\d{2}))?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})$");
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Python's str ordering (by code point), for strings; natural order for the rest. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<Object> ORDER = (a, b) -> a instanceof String x && b instanceof String y
            ? codePointCompare(x, y) : ((Comparable) a).compareTo(b);

    /** One literal as Neo4j holds it: lexical form, value, and day bounds for dates. */
    record Value(String lexical, Object value, LocalDate[] bounds) {}

    private Values() {}

    static int codePointCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The Value of a literal given by its claim kind and lexical form (values.convert). */
    static Value convert(String kind, String lexical) {
        if (!kind.startsWith("^")) {
            return new Value(lexical, lexical, null);
        }
        String datatype = kind.substring(1);
        if (datatype.equals(XSD + "gYear") || datatype.equals(XSD + "gYearMonth")) {
            LocalDate[] bounds = partialBounds(lexical);
            return new Value(lexical, lexical, bounds);
        }
        Object value = datatype.startsWith(XSD) ? nativeValue(datatype.substring(XSD.length()), lexical) : null;
        if (value == null) {
            return new Value(lexical, lexical, null);
        }
        if (value instanceof LocalDate day) {
            return new Value(lexical, day, new LocalDate[] {day, day});
        }
        return new Value(lexical, value, null);
    }

    /** First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (ontology.dates.parse_partial); null if not one. */
    static LocalDate[] partialBounds(String text) {
        Matcher m = PARTIAL.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        try {
            if (m.group(3) != null) {
                LocalDate day = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return new LocalDate[] {day, day};
            }
            if (m.group(2) != null) {
                YearMonth month = YearMonth.of(year, Integer.parseInt(m.group(2)));
                return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
            }
            return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The typed value of an XSD literal, or null when it is ill-typed or has no Neo4j type. */
    private static Object nativeValue(String type, String lexical) {
        try {
            if (INTEGERS.contains(type)) {
                return integer(type, lexical.strip());
            }
            if (FLOATS.contains(type)) {
                return floating(type, lexical.strip());
            }
            switch (type) {
                case "boolean" -> {
                    String v = lexical.strip().toLowerCase();
                    return v.equals("true") || v.equals("1") ? Boolean.TRUE
                            : v.equals("false") || v.equals("0") ? Boolean.FALSE : null;
                }
                case "date" -> {
                    return LocalDate.parse(lexical);
                }
                case "dateTime" -> {
                    return HAS_OFFSET.matcher(lexical).matches()
                            ? OffsetDateTime.parse(lexical).toZonedDateTime()
                            : LocalDateTime.parse(lexical);
                }
                default -> {
                    return null;
                }
            }
        } catch (RuntimeException e) { // NumberFormatException, DateTimeParseException
            return null;
        }
    }

    private static Object integer(String type, String lexical) {
        BigInteger n = new BigInteger(lexical.startsWith("+") ? lexical.substring(1) : lexical);
        int sign = n.signum();
        boolean ok = switch (type) {
            case "nonNegativeInteger" -> sign >= 0;
            case "positiveInteger" -> sign > 0;
            case "nonPositiveInteger" -> sign <= 0;
            case "negativeInteger" -> sign < 0;
            default -> true;
        };
        if (!ok || n.compareTo(MIN) < 0 || n.compareTo(MAX) > 0) {
            return null; // ill-typed, or too large for Neo4j: kept as text
        }
        return n.longValue();
    }

    private static Object floating(String type, String lexical) {
        if (type.equals("decimal")) {
            return DECIMAL.matcher(lexical).matches() ? Double.parseDouble(lexical) : null;
        }
        return switch (lexical) {
            case "INF", "+INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(lexical);
        };
    }

    /** The properties one key yields from its values (values.key_props). */
    static void keyProps(String key, List<Value> values, boolean multiValued, Map<String, Object> props) {
        if (values.size() == 1 && !multiValued) {
            Value only = values.get(0);
            props.put(key, only.value());
            if (only.bounds() != null && !(only.value() instanceof LocalDate)) {
                props.put(key + "Earliest", only.bounds()[0]);
                props.put(key + "Latest", only.bounds()[1]);
            }
            return;
        }
        Map<List<Object>, Value> distinct = new LinkedHashMap<>();
        for (Value v : values) {
            distinct.put(List.of(v.value().getClass(), v.value()), v); // the last wins, in the first's place
        }
        List<Value> kept = new ArrayList<>(distinct.values());
        boolean oneKind = kept.stream().map(v -> v.value().getClass()).distinct().count() == 1;
        List<Object> items = new ArrayList<>();
        for (Value v : kept) {
            Object item = oneKind ? v.value() : v.lexical();
            if (!items.contains(item)) {
                items.add(item);
            }
        }
        try {
            items.sort(ORDER);
        } catch (ClassCastException | NullPointerException e) {
            // values that do not compare keep their order, as in Python
        }
        props.put(key, items.size() > 1 || multiValued ? toArray(items) : items.get(0));
        boolean singleDay = kept.size() == 1 && kept.get(0).value() instanceof LocalDate;
        LocalDate earliest = null;
        LocalDate latest = null;
        for (Value v : kept) {
            if (v.bounds() != null) {
                earliest = earliest == null || v.bounds()[0].isBefore(earliest) ? v.bounds()[0] : earliest;
                latest = latest == null || v.bounds()[1].isAfter(latest) ? v.bounds()[1] : latest;
            }
        }
        if (earliest != null && !singleDay) {
            props.put(key + "Earliest", earliest);
            props.put(key + "Latest", latest);
        }
    }

    /** A homogeneous Java array (what Neo4j stores as a list property). */
    private static Object toArray(List<Object> items) {
        Object first = items.get(0);
        if (first instanceof Long) {
            return items.stream().mapToLong(x -> (Long) x).toArray();
        }
        if (first instanceof Double) {
            return items.stream().mapToDouble(x -> (Double) x).toArray();
        }
        if (first instanceof Boolean) {
            boolean[] out = new boolean[items.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (Boolean) items.get(i);
            }
            return out;
        }
        Object array = Array.newInstance(first.getClass(), items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, items.get(i));
        }
        return array;
    }

    /** Properties from a node's encoded literals ("key\tkind\tlexical"), as values.encoded_props. */
    static Map<String, Object> props(Iterable<String> encoded, Set<String> multiValued) {
        Map<String, List<Value>> byKey = new HashMap<>();
        for (String text : encoded) {
            int a = text.indexOf('\t');
            int b = text.indexOf('\t', a + 1);
            byKey.computeIfAbsent(text.substring(0, a), k -> new ArrayList<>())
                    .add(convert(text.substring(a + 1, b), text.substring(b + 1)));
        }
        Map<String, Object> props = new HashMap<>();
        byKey.forEach((key, values) -> keyProps(key, values, multiValued.contains(key), props));
        return props;
    }
}
