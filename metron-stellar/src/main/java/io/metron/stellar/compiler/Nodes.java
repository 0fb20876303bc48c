package io.metron.stellar.compiler;

import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.StellarLambda;
import io.metron.stellar.VariableResolver;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The node kinds the compiler builds. Each is a small immutable class with one job. */
final class Nodes {

  private Nodes() {}

  static int depth(Node... children) {
    int d = 0;
    for (Node c : children) {
      d = Math.max(d, c.depth());
    }
    return d + 1;
  }

  static int depth(List<Node> children) {
    return depth(children.toArray(new Node[0]));
  }

  /** A literal or folded value: null, a boolean, a number or a string. */
  record Constant(Object value) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return value;
    }

    @Override
    public boolean isConstant() {
      return true;
    }

    @Override
    public Object constant() {
      return value;
    }

    @Override
    public int depth() {
      return 1;
    }
  }

  record Variable(String name) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return variables.resolve(name);
    }

    @Override
    public int depth() {
      return 1;
    }
  }

  record Exists(String name) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return variables.exists(name);
    }

    @Override
    public int depth() {
      return 1;
    }
  }

  record Arithmetic(char op, Node left, Node right, int depth) implements Node {
    Arithmetic(char op, Node left, Node right) {
      this(op, left, right, Nodes.depth(left, right));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return Semantics.arithmetic(
          op, left.eval(variables, context), right.eval(variables, context));
    }
  }

  record Equality(boolean negate, Node left, Node right, int depth) implements Node {
    Equality(boolean negate, Node left, Node right) {
      this(negate, left, right, Nodes.depth(left, right));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      boolean eq = Semantics.equal(left.eval(variables, context), right.eval(variables, context));
      return negate != eq;
    }
  }

  /** {@code x == 'const'} and friends: the most common triage shape, without the generic checks. */
  record EqualsString(boolean negate, Node left, String value, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return negate != value.equals(left.eval(variables, context));
    }
  }

  record Ordering(String op, Node left, Node right, int depth) implements Node {
    Ordering(String op, Node left, Node right) {
      this(op.intern(), left, right, Nodes.depth(left, right));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      Object l = left.eval(variables, context);
      Object r = right.eval(variables, context);
      // the common case, two ints, without the general promotion rules
      if (l instanceof Integer a && r instanceof Integer b) {
        int x = a;
        int y = b;
        return switch (op) {
          case "<" -> x < y;
          case "<=" -> x <= y;
          case ">" -> x > y;
          default -> x >= y;
        };
      }
      return Semantics.compare(l, r, op);
    }
  }

  record And(Node left, Node right, int depth) implements Node {
    And(Node left, Node right) {
      this(left, right, Nodes.depth(left, right));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return Semantics.logical(left.eval(variables, context))
          && Semantics.logical(right.eval(variables, context));
    }
  }

  record Or(Node left, Node right, int depth) implements Node {
    Or(Node left, Node right) {
      this(left, right, Nodes.depth(left, right));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return Semantics.logical(left.eval(variables, context))
          || Semantics.logical(right.eval(variables, context));
    }
  }

  record Not(Node operand, int depth) implements Node {
    Not(Node operand) {
      this(operand, Nodes.depth(operand));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return !Semantics.logical(operand.eval(variables, context));
    }
  }

  record In(boolean negate, Node needle, Node haystack, int depth) implements Node {
    In(boolean negate, Node needle, Node haystack) {
      this(negate, needle, haystack, Nodes.depth(needle, haystack));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return negate
          != Semantics.in(needle.eval(variables, context), haystack.eval(variables, context));
    }
  }

  /** {@code x in [constants]}: the list becomes a hash set once, at compile time. */
  record InConstantSet(boolean negate, Node needle, Set<Object> values, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return negate != values.contains(needle.eval(variables, context));
    }
  }

  record Conditional(String what, Node condition, Node then, Node otherwise, int depth)
      implements Node {
    Conditional(String what, Node condition, Node then, Node otherwise) {
      this(what, condition, then, otherwise, Nodes.depth(condition, then, otherwise));
    }

    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return Semantics.condition(condition.eval(variables, context), what)
          ? then.eval(variables, context)
          : otherwise.eval(variables, context);
    }
  }

  record Match(Node[] conditions, Node[] actions, Node fallback, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      for (int i = 0; i < conditions.length; i++) {
        if (Semantics.condition(conditions[i].eval(variables, context), "a match clause")) {
          return action(actions[i].eval(variables, context));
        }
      }
      return action(fallback.eval(variables, context));
    }

    // A clause's action may be a lambda without arguments; it runs when chosen.
    private static Object action(Object value) {
      return value instanceof StellarLambda lambda ? lambda.apply(List.of()) : value;
    }
  }

  record ListLiteral(Node[] elements, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      // LinkedList, as Metron builds list literals: callers see the same Java type
      LinkedList<Object> list = new LinkedList<>();
      for (Node e : elements) {
        list.add(e.eval(variables, context));
      }
      return list;
    }
  }

  /** A list literal of constants: each evaluation gets its own copy, so callers may keep it. */
  record ConstantList(List<Object> values) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return new LinkedList<>(values);
    }

    @Override
    public int depth() {
      return 2;
    }
  }

  record MapLiteral(Node[] keys, Node[] values, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      Map<Object, Object> map = new HashMap<>();
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i].eval(variables, context), values[i].eval(variables, context));
      }
      return map;
    }
  }

  /**
   * A function call. The function is looked up when the expression compiles but a missing one, or a
   * wrong argument count, fails only when the call is evaluated, as in Metron: a branch never taken
   * never fails.
   */
  record Call(StellarFunction function, String name, Node[] args, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      Object[] values = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        values[i] = args[i].eval(variables, context);
      }
      return invoke(function, name, Arrays.asList(values), context);
    }

    static Object invoke(
        StellarFunction function, String name, List<Object> args, StellarContext context) {
      if (args.size() < function.descriptor().minArgs()) {
        throw new StellarException(Calls.arityProblem(function.descriptor(), args.size()));
      }
      try {
        return function.apply(args, context);
      } catch (StellarException e) {
        throw e;
      } catch (RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new StellarException(name + " failed: " + message, e);
      }
    }
  }

  /**
   * A call to a function the registry does not have: it fails when (and only when) evaluated, as
   * Metron's lazy resolution did. Its arguments are never evaluated.
   */
  record UnresolvedCall(String name, String message, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      throw new StellarException(message);
    }
  }

  record Lambda(List<String> parameters, Node body, int depth) implements Node {
    @Override
    public Object eval(VariableResolver variables, StellarContext context) {
      return new Closure(parameters, body, variables, context);
    }
  }

  /** A lambda's value: its body bound to the variables visible where it was evaluated. */
  record Closure(List<String> parameters, Node body, VariableResolver outer, StellarContext context)
      implements StellarLambda {
    @Override
    public Object apply(List<Object> args) {
      String[] names = parameters.toArray(new String[0]);
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length && i < args.size(); i++) {
        values[i] = args.get(i);
      }
      VariableResolver scope =
          name -> {
            for (int i = 0; i < names.length; i++) {
              if (names[i].equals(name)) {
                return values[i];
              }
            }
            return outer.resolve(name);
          };
      return body.eval(scope, context);
    }

    @Override
    public String toString() {
      return "lambda" + parameters;
    }
  }
}
