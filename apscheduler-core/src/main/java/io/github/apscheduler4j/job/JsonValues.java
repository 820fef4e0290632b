package io.github.apscheduler4j.job;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares argument values as JSON values: numbers by their value, whatever their Java type, since a value written to a
 * persistent store as {@code 5L} or {@code 5.0f} is read back as an {@code Integer} or a {@code Double}.
 */
final class JsonValues {

    private JsonValues() {
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return sameNumber(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return sameMap(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return sameList(x, y);
        }
        return Objects.equals(a, b);
    }

    private static boolean sameNumber(Number x, Number y) {
        try {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        } catch (NumberFormatException notFinite) {
            return x.equals(y);
        }
    }

    private static boolean sameMap(Map<?, ?> x, Map<?, ?> y) {
        if (!x.keySet().equals(y.keySet())) {
            return false;
        }
        for (Map.Entry<?, ?> entry : x.entrySet()) {
            if (!same(entry.getValue(), y.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameList(List<?> x, List<?> y) {
        if (x.size() != y.size()) {
            return false;
        }
        Iterator<?> other = y.iterator();
        for (Object element : x) {
            if (!same(element, other.next())) {
                return false;
            }
        }
        return true;
    }
}
