package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.StellarLambda;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists, maps, sets and multisets, and the functional helpers MAP, FILTER, REDUCE, ZIP. These never
 * modify their arguments: "adding" returns a new collection.
 */
final class CollectionFunctions {

  private CollectionFunctions() {}

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    f.add(
        def(
            builder("LENGTH")
                .optional("input", "Object", "a string, list, set or map (without it: 0)")
                .returns("Integer: characters or elements; 0 for null")
                .description("The length of a string or the size of a collection or map.")
                .example("LENGTH('abc')", "3")
                .example("LENGTH([1, 2])", "2")
                .example("LENGTH(null)", "0"),
            (a, c) -> {
              Object v = Args.get(a, 0);
              if (v == null) {
                return 0;
              }
              if (v instanceof String s) {
                return s.length();
              }
              if (v instanceof Collection<?> col) {
                return col.size();
              }
              if (v instanceof Map<?, ?> m) {
                return m.size();
              }
              throw Args.wrongType("LENGTH", 0, "a string, collection or map", v);
            }));
    f.add(
        def(
            builder("IS_EMPTY")
                .optional("input", "Object", "a string, list, set or map (without it: true)")
                .returns("Boolean: true for null, an empty string or an empty collection")
                .description("Whether a value is null or empty.")
                .example("IS_EMPTY('')", "true")
                .example("IS_EMPTY([1])", "false")
                .example("IS_EMPTY(null)", "true"),
            (a, c) -> {
              Object v = Args.get(a, 0);
              if (v == null) {
                return true;
              }
              if (v instanceof String s) {
                return s.isEmpty();
              }
              if (v instanceof Collection<?> col) {
                return col.isEmpty();
              }
              if (v instanceof Map<?, ?> m) {
                return m.isEmpty();
              }
              return false;
            }));
    f.add(
        def(
            builder("LIST_ADD")
                .optional("list", "List", "the list (null counts as empty)")
                .optional("element", "Object", "the element to append")
                .returns(
                    "A new list with the element appended; without arguments null, without an"
                        + " element the list itself")
                .description("Appends an element to a list.")
                .example("LIST_ADD([1], 2)", "[1, 2]"),
            (a, c) -> {
              if (a.size() < 2) {
                return Args.get(a, 0);
              }
              Collection<Object> list = Args.collection(a, 0, "LIST_ADD");
              List<Object> out =
                  list instanceof java.util.LinkedList
                      ? new java.util.LinkedList<>(list)
                      : list == null ? new ArrayList<>() : new ArrayList<>(list);
              out.add(a.get(1));
              return out;
            }));
    f.add(
        def(
            builder("MAP")
                .param("list", "List", "the elements")
                .param("transform_expression", "Lambda", "a lambda of one argument")
                .returns("A list of the lambda's results; null for a null list")
                .description("Applies a lambda to every element of a list.")
                .example("MAP(['a', 'b'], x -> TO_UPPER(x))", "['A', 'B']"),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "MAP");
              StellarLambda fn = Args.lambda(a, 1, "MAP");
              if (list == null || fn == null) {
                return list;
              }
              List<Object> out = new ArrayList<>(list.size());
              for (Object o : list) {
                out.add(fn.apply(single(o)));
              }
              return out;
            }));
    f.add(
        def(
            builder("FILTER")
                .param("list", "List", "the elements")
                .param("predicate", "Lambda", "a lambda of one argument returning a boolean")
                .returns("A list of the elements for which the lambda returned true")
                .description("Keeps the elements of a list that satisfy a predicate.")
                .example("FILTER([1, 2, 3], x -> x > 1)", "[2, 3]"),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "FILTER");
              StellarLambda fn = Args.lambda(a, 1, "FILTER");
              if (list == null || fn == null) {
                return list;
              }
              List<Object> out = new ArrayList<>();
              for (Object o : list) {
                if (Boolean.TRUE.equals(fn.apply(single(o)))) {
                  out.add(o);
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("REDUCE")
                .param("list", "List", "the elements")
                .optional(
                    "binary_operation",
                    "Lambda",
                    "a lambda of two arguments: (accumulated, element)")
                .optional("initial_value", "Object", "the starting value (without it: null)")
                .returns("The accumulated value")
                .description("Folds a list into one value with a two-argument lambda.")
                .example("REDUCE([1, 2, 3], (sum, x) -> sum + x, 0)", "6"),
            (a, c) -> {
              if (a.size() < 3 || a.get(2) == null) {
                return null;
              }
              Collection<Object> list = Args.collection(a, 0, "REDUCE");
              StellarLambda fn = Args.lambda(a, 1, "REDUCE");
              if (list == null || fn == null) {
                return null;
              }
              Object acc = a.get(2);
              for (Object o : list) {
                List<Object> pair = new ArrayList<>(2);
                pair.add(acc);
                pair.add(o);
                acc = fn.apply(pair);
              }
              return acc;
            }));
    f.add(zip("ZIP", false));
    f.add(zip("ZIP_LONGEST", true));
    f.add(
        def(
            builder("MAP_EXISTS")
                .optional("key", "Object", "the key")
                .optional("map", "Map", "the map (without it: false)")
                .returns("Boolean")
                .description("Whether a map has a key.")
                .example("MAP_EXISTS('a', {'a': 1})", "true"),
            (a, c) -> {
              Object key = Args.get(a, 0);
              return key != null && Args.get(a, 1) instanceof Map<?, ?> m && m.containsKey(key);
            }));
    f.add(
        def(
            builder("MAP_GET")
                .param("key", "Object", "the key")
                .param("map", "Map", "the map")
                .optional("default", "Object", "the value when the key is missing (default null)")
                .returns("The value, or the default")
                .description("Looks a key up in a map.")
                .example("MAP_GET('a', {'a': 1})", "1")
                .example("MAP_GET('b', {'a': 1}, 0)", "0"),
            (a, c) -> {
              Map<Object, Object> m = Args.map(a, 1, "MAP_GET");
              Object fallback = Args.get(a, 2);
              if (m == null || a.get(0) == null) {
                return fallback;
              }
              Object v = m.get(a.get(0));
              return v == null ? fallback : v;
            }));
    f.add(
        def(
            builder("MAP_PUT")
                .param("key", "Object", "the key")
                .param("value", "Object", "the value")
                .param("map", "Map", "the map (null counts as empty)")
                .returns("A new map with the entry set")
                .description("Sets a key in a map.")
                .example("MAP_PUT('b', 2, {'a': 1})", "{'a': 1, 'b': 2}"),
            (a, c) -> {
              Map<Object, Object> m = Args.map(a, 2, "MAP_PUT");
              Map<Object, Object> out = m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
              out.put(a.get(0), a.get(1));
              return out;
            }));
    f.add(
        def(
            builder("MAP_MERGE")
                .param("maps", "List", "a list of maps; later maps win on shared keys")
                .returns("A new map")
                .description("Merges a list of maps into one.")
                .example("MAP_MERGE([{'a': 1}, {'a': 2, 'b': 3}])", "{'a': 2, 'b': 3}"),
            (a, c) -> {
              Collection<Object> maps = Args.collection(a, 0, "MAP_MERGE");
              Map<Object, Object> out = new LinkedHashMap<>();
              if (maps != null) {
                for (Object o : maps) {
                  if (o instanceof Map<?, ?> m) {
                    out.putAll(m);
                  } else if (o != null) {
                    throw new StellarException("MAP_MERGE: every element must be a map");
                  }
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("SET_INIT")
                .optional("input", "List", "initial elements")
                .returns("A new set")
                .description("Creates a set, optionally from a list.")
                .example("SET_INIT([1, 1, 2])", "SET_INIT([2, 1])")
                .example("LENGTH(SET_INIT())", "0"),
            (a, c) -> {
              Collection<Object> in = Args.collection(a, 0, "SET_INIT");
              return in == null ? new LinkedHashSet<>() : new LinkedHashSet<>(in);
            }));
    f.add(
        def(
            builder("SET_ADD")
                .optional("set", "Set", "the set (null counts as empty)")
                .variadic("o", "Object", "the elements to add; nulls are skipped")
                .returns("A new set with the elements; null without arguments")
                .description("Adds elements to a set.")
                .example("SET_ADD(SET_INIT([1]), 2)", "SET_INIT([1, 2])"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Set<Object> out = copySet(a, "SET_ADD");
              for (Object o : a.subList(1, a.size())) {
                if (o != null) {
                  out.add(o);
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("SET_REMOVE")
                .optional("set", "Set", "the set (null counts as empty)")
                .variadic("o", "Object", "the elements to remove")
                .returns("A new set without the elements; null without arguments")
                .description("Removes elements from a set.")
                .example("SET_REMOVE(SET_INIT([1, 2]), 2)", "SET_INIT([1])"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Set<Object> out = copySet(a, "SET_REMOVE");
              out.removeAll(a.subList(1, a.size()));
              return out;
            }));
    f.add(
        def(
            builder("SET_MERGE")
                .optional("sets", "List", "a list of sets")
                .returns("The union of the sets; null without arguments")
                .description("Merges a list of sets into one.")
                .example("SET_MERGE([SET_INIT([1]), SET_INIT([2])])", "SET_INIT([1, 2])"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Collection<Object> sets = Args.collection(a, 0, "SET_MERGE");
              Set<Object> out = new LinkedHashSet<>();
              if (sets != null) {
                for (Object o : sets) {
                  if (o instanceof Collection<?> s) {
                    out.addAll(s);
                  }
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("MULTISET_INIT")
                .optional("input", "List", "initial elements")
                .returns("A map of element to count")
                .description("Creates a multiset (a map of element to count).")
                .example("MULTISET_INIT(['a', 'a', 'b'])", "{'a': 2, 'b': 1}"),
            (a, c) -> {
              Collection<Object> in = Args.collection(a, 0, "MULTISET_INIT");
              Map<Object, Object> out = new LinkedHashMap<>();
              if (in != null) {
                for (Object o : in) {
                  out.merge(o, 1, (x, y) -> (Integer) x + (Integer) y);
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("MULTISET_ADD")
                .optional("set", "Map", "the multiset (null counts as empty)")
                .variadic("o", "Object", "the elements to add; nulls are skipped")
                .returns(
                    "A new multiset with the elements' counts increased; null without arguments")
                .description("Adds one occurrence of an element to a multiset.")
                .example("MULTISET_ADD(MULTISET_INIT(['a']), 'a')", "{'a': 2}"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Map<Object, Object> out = copyMultiset(a, "MULTISET_ADD");
              for (Object o : a.subList(1, a.size())) {
                if (o != null) {
                  out.merge(o, 1, (x, y) -> ((Number) x).intValue() + 1);
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("MULTISET_REMOVE")
                .optional("set", "Map", "the multiset (null counts as empty)")
                .variadic("o", "Object", "the elements to remove")
                .returns(
                    "A new multiset with the elements' counts decreased; null without arguments")
                .description("Removes one occurrence of an element from a multiset.")
                .example("MULTISET_REMOVE(MULTISET_INIT(['a', 'a']), 'a')", "{'a': 1}")
                .example("MULTISET_REMOVE(MULTISET_INIT(['a']), 'a')", "{}"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Map<Object, Object> out = copyMultiset(a, "MULTISET_REMOVE");
              for (Object key : a.subList(1, a.size())) {
                Object count = out.get(key);
                if (count instanceof Number n) {
                  if (n.intValue() <= 1) {
                    out.remove(key);
                  } else {
                    out.put(key, n.intValue() - 1);
                  }
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("MULTISET_MERGE")
                .optional("sets", "List", "a list of multisets")
                .returns("A multiset with the counts added up; null without arguments")
                .description("Merges a list of multisets.")
                .example(
                    "MULTISET_MERGE([MULTISET_INIT(['a']), MULTISET_INIT(['a', 'b'])])",
                    "{'a': 2, 'b': 1}"),
            (a, c) -> {
              if (a.isEmpty()) {
                return null;
              }
              Collection<Object> sets = Args.collection(a, 0, "MULTISET_MERGE");
              Map<Object, Object> out = new LinkedHashMap<>();
              if (sets != null) {
                for (Object o : sets) {
                  if (o instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                      int n = e.getValue() instanceof Number num ? num.intValue() : 0;
                      out.merge(e.getKey(), n, (x, y) -> (Integer) x + (Integer) y);
                    }
                  }
                }
              }
              return out;
            }));
    f.add(
        def(
            builder("MULTISET_TO_SET")
                .param("multiset", "Map", "the multiset")
                .returns("The set of distinct elements")
                .description("The distinct elements of a multiset.")
                .example("MULTISET_TO_SET(MULTISET_INIT(['a', 'a']))", "SET_INIT(['a'])"),
            (a, c) -> {
              Map<Object, Object> m = Args.map(a, 0, "MULTISET_TO_SET");
              return m == null ? new LinkedHashSet<>() : new LinkedHashSet<>(m.keySet());
            }));
    return f;
  }

  private static List<Object> single(Object o) {
    List<Object> l = new ArrayList<>(1);
    l.add(o);
    return l;
  }

  private static Set<Object> copySet(List<Object> a, String fn) {
    Collection<Object> s = Args.collection(a, 0, fn);
    return s == null ? new LinkedHashSet<>() : new LinkedHashSet<>(s);
  }

  private static Map<Object, Object> copyMultiset(List<Object> a, String fn) {
    Map<Object, Object> m = Args.map(a, 0, fn);
    return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
  }

  private static StellarFunction zip(String name, boolean longest) {
    return def(
        builder(name)
            .variadic("lists", "List", "the lists to zip; arguments that are not lists are skipped")
            .returns("A list of lists, one per position")
            .description(
                longest
                    ? "Zips lists together, padding the shorter ones with null."
                    : "Zips lists together, stopping at the shortest.")
            .example(
                name + "([1, 2, 3], ['a', 'b'])",
                longest ? "[[1, 'a'], [2, 'b'], [3, null]]" : "[[1, 'a'], [2, 'b']]"),
        (a, c) -> {
          List<List<?>> lists = new ArrayList<>();
          // as in Metron, arguments that are not lists (null included) are skipped
          for (Object o : a) {
            if (o instanceof List<?> l) {
              lists.add(l);
            }
          }
          List<Object> out = new ArrayList<>();
          if (lists.isEmpty()) {
            return out;
          }
          int n = longest ? 0 : Integer.MAX_VALUE;
          for (List<?> l : lists) {
            n = longest ? Math.max(n, l.size()) : Math.min(n, l.size());
          }
          for (int i = 0; i < n; i++) {
            List<Object> row = new ArrayList<>(lists.size());
            for (List<?> l : lists) {
              row.add(i < l.size() ? l.get(i) : null);
            }
            out.add(row);
          }
          return out;
        });
  }
}
