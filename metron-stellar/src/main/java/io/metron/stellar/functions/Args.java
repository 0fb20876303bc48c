package io.metron.stellar.functions;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarLambda;
import io.metron.stellar.compiler.Semantics;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads function arguments by position, failing with a message that names the function. */
final class Args {

  private Args() {}

  /** The argument at {@code i}, or null when the call passed fewer. */
  static Object get(List<Object> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }

  static String string(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrongType(fn, i, "a string", v);
  }

  /** The argument as a string, converting any non-null value with toString. */
  static String text(List<Object> args, int i) {
    Object v = get(args, i);
    return v == null ? null : v.toString();
  }

  static Number number(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof Number) {
      return (Number) v;
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw wrongType(fn, i, "a number", v);
      }
    }
    throw wrongType(fn, i, "a number", v);
  }

  static Integer integer(List<Object> args, int i, String fn) {
    Number n = number(args, i, fn);
    return n == null ? null : n.intValue();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof List) {
      return (List<Object>) v;
    }
    throw wrongType(fn, i, "a list", v);
  }

  @SuppressWarnings("unchecked")
  static Collection<Object> collection(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof Collection) {
      return (Collection<Object>) v;
    }
    throw wrongType(fn, i, "a list or set", v);
  }

  @SuppressWarnings("unchecked")
  static Map<Object, Object> map(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof Map) {
      return (Map<Object, Object>) v;
    }
    throw wrongType(fn, i, "a map", v);
  }

  /** The lambda at {@code i}; null when absent or null (Metron's functions then pass through). */
  static StellarLambda lambda(List<Object> args, int i, String fn) {
    Object v = get(args, i);
    if (v == null || v instanceof StellarLambda) {
      return (StellarLambda) v;
    }
    throw wrongType(fn, i, "a lambda such as x -> x + 1", v);
  }

  static boolean bool(List<Object> args, int i, boolean fallback) {
    Object v = get(args, i);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    Boolean b = Semantics.toBooleanOrNull(v.toString());
    return b == null ? fallback : b;
  }

  static <T> T object(List<Object> args, int i, Class<T> type, String fn, String what) {
    Object v = get(args, i);
    if (v == null || type.isInstance(v)) {
      return type.cast(v);
    }
    throw wrongType(fn, i, what, v);
  }

  static StellarException wrongType(String fn, int i, String expected, Object actual) {
    return new StellarException(
        fn
            + ": argument "
            + (i + 1)
            + " must be "
            + expected
            + ", but was "
            + Semantics.describe(actual));
  }
}
