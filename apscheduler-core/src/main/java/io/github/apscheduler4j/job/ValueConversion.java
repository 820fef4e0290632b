package io.github.apscheduler4j.job;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Converts a JSON-like argument value to a parameter's type, naming the parameter when it cannot. */
final class ValueConversion {

    private ValueConversion() {
    }

    static Object convert(Object value, Class<?> type, String method, String parameter) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new IllegalArgumentException(method + ": parameter '" + parameter + "' of type " + type
                        + " cannot be null");
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        try {
            if (Number.class.isAssignableFrom(boxed)) {
                BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
                        : new BigDecimal(value.toString().trim());
                return toNumber(number, boxed);
            }
            if (boxed == Boolean.class && value instanceof String text) {
                return switch (text.trim().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException(text);
                };
            }
            if (boxed == String.class && (value instanceof Number || value instanceof Boolean)) {
                return value.toString();
            }
            if (boxed.isEnum() && value instanceof String text) {
                return enumConstant(boxed, text.trim());
            }
        } catch (RuntimeException e) {
            // fall through to the error below, which names the parameter
        }
        throw new IllegalArgumentException(method + ": parameter '" + parameter + "' of type " + type.getSimpleName()
                + " cannot take the value '" + value + "' (" + value.getClass().getSimpleName() + ")");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Object toNumber(BigDecimal number, Class<?> type) {
        if (type == Integer.class) {
            return number.intValueExact();
        }
        if (type == Long.class) {
            return number.longValueExact();
        }
        if (type == Short.class) {
            return number.shortValueExact();
        }
        if (type == Byte.class) {
            return number.byteValueExact();
        }
        if (type == Double.class) {
            return number.doubleValue();
        }
        if (type == Float.class) {
            return number.floatValue();
        }
        if (type == BigInteger.class) {
            return number.toBigIntegerExact();
        }
        if (type == BigDecimal.class || type == Number.class) {
            return number;
        }
        throw new IllegalArgumentException(type.getName());
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
