package io.metron.stellar.compiler;

import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.StellarWarning;
import io.metron.stellar.VariableResolver;
import io.metron.stellar.grammar.StellarBaseVisitor;
import io.metron.stellar.grammar.StellarParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the node tree from ANTLR's parse tree: looks up every function (an unknown name or a wrong
 * argument count becomes a {@link StellarWarning} here and an error only when the call is
 * evaluated, as in Metron, which resolved functions lazily), folds constant sub-expressions and
 * specialises the common shapes ({@code x == 'literal'}, {@code x in [literals]}). One instance per
 * compilation; not thread-safe.
 */
public final class AstBuilder extends StellarBaseVisitor<Node> {

  /** Deepest node tree accepted: evaluation recurses once per level. */
  public static final int MAX_DEPTH = 500;

  private final FunctionRegistry functions;
  private final Set<String> variables = new LinkedHashSet<>();
  private final Deque<List<String>> lambdaScopes = new ArrayDeque<>();
  private final List<StellarWarning> warnings = new ArrayList<>();
  private int matchDepth;

  public AstBuilder(FunctionRegistry functions) {
    this.functions = functions;
  }

  /** Builds the tree for a whole program; {@code null} for an empty one. */
  public Node build(StellarParser.ProgramContext program) {
    if (program.expression() == null) {
      return null;
    }
    Node root = visit(program.expression());
    if (root.depth() > MAX_DEPTH) {
      throw new StellarException(
          "expression nested too deeply: " + root.depth() + " levels, the limit is " + MAX_DEPTH);
    }
    return root;
  }

  /** The variables referenced so far, lambda parameters excluded. */
  public Set<String> variables() {
    return Collections.unmodifiableSet(variables);
  }

  // ---- conditional forms ----

  @Override
  public Node visitLambda(StellarParser.LambdaContext ctx) {
    List<String> params = new ArrayList<>();
    for (TerminalNode id : ctx.lambdaParams().IDENTIFIER()) {
      params.add(id.getText());
    }
    lambdaScopes.push(params);
    Node body;
    try {
      body = visit(ctx.expression());
    } finally {
      lambdaScopes.pop();
    }
    return new Nodes.Lambda(List.copyOf(params), body, Nodes.depth(body));
  }

  @Override
  public Node visitIfThenElse(StellarParser.IfThenElseContext ctx) {
    return ifThenElse(ctx.expression());
  }

  private Node ifThenElse(List<StellarParser.ExpressionContext> parts) {
    return conditional(
        "if-then-else", visit(parts.get(0)), visit(parts.get(1)), visit(parts.get(2)));
  }

  @Override
  public Node visitMatch(StellarParser.MatchContext ctx) {
    if (matchDepth > 0) {
      throw error(ctx.getStart(), "nested match expressions are not supported");
    }
    matchDepth++;
    try {
      List<StellarParser.MatchClauseContext> clauses = ctx.matchClause();
      Node[] conditions = new Node[clauses.size()];
      Node[] actions = new Node[clauses.size()];
      List<Node> all = new ArrayList<>();
      for (int i = 0; i < clauses.size(); i++) {
        conditions[i] = visit(clauses.get(i).matchCondition());
        actions[i] = visit(clauses.get(i).expression());
        all.add(conditions[i]);
        all.add(actions[i]);
      }
      Node fallback = visit(ctx.expression());
      all.add(fallback);
      return new Nodes.Match(conditions, actions, fallback, Nodes.depth(all));
    } finally {
      matchDepth--;
    }
  }

  @Override
  public Node visitMatchIf(StellarParser.MatchIfContext ctx) {
    return ifThenElse(ctx.expression());
  }

  @Override
  public Node visitMatchTernary(StellarParser.MatchTernaryContext ctx) {
    return visit(ctx.ternary());
  }

  @Override
  public Node visitTernaryExpr(StellarParser.TernaryExprContext ctx) {
    return visit(ctx.ternary());
  }

  @Override
  public Node visitTernary(StellarParser.TernaryContext ctx) {
    Node condition = visit(ctx.logical());
    if (ctx.QUESTION() == null) {
      return condition;
    }
    return conditional(
        "a ternary ?:", condition, visit(ctx.expression(0)), visit(ctx.expression(1)));
  }

  private Node conditional(String what, Node condition, Node then, Node otherwise) {
    if (condition.isConstant()) {
      try {
        return Semantics.condition(condition.constant(), what) ? then : otherwise;
      } catch (StellarException notBoolean) {
        // leave it to fail at evaluation, where the error belongs
      }
    }
    return new Nodes.Conditional(what, condition, then, otherwise);
  }

  // ---- operators ----

  @Override
  public Node visitLogical(StellarParser.LogicalContext ctx) {
    List<StellarParser.MembershipContext> operands = ctx.membership();
    // Metron gives and/or one precedence level and groups to the right: a and b or c = a and (b or
    // c)
    Node node = visit(operands.get(operands.size() - 1));
    for (int i = operands.size() - 2; i >= 0; i--) {
      Node left = visit(operands.get(i));
      boolean and = ctx.logicalOp(i).AND() != null;
      node = fold(and ? new Nodes.And(left, node) : new Nodes.Or(left, node), left, node);
    }
    return node;
  }

  @Override
  public Node visitMembership(StellarParser.MembershipContext ctx) {
    List<StellarParser.ComparisonContext> operands = ctx.comparison();
    Node node = visit(operands.get(operands.size() - 1));
    for (int i = operands.size() - 2; i >= 0; i--) {
      Node needle = visit(operands.get(i));
      boolean negate = ctx.membershipOp(i).NIN() != null;
      if (node instanceof Nodes.ConstantList list) {
        node =
            new Nodes.InConstantSet(
                negate, needle, new HashSet<>(list.values()), Nodes.depth(needle, node));
      } else {
        node = fold(new Nodes.In(negate, needle, node), needle, node);
      }
    }
    return node;
  }

  @Override
  public Node visitComparison(StellarParser.ComparisonContext ctx) {
    List<StellarParser.AdditiveContext> operands = ctx.additive();
    Node node = visit(operands.get(0));
    for (int i = 1; i < operands.size(); i++) {
      Node right = visit(operands.get(i));
      StellarParser.CompOpContext op = ctx.compOp(i - 1);
      Node left = node;
      if (op.EQ() != null || op.NEQ() != null) {
        boolean negate = op.NEQ() != null;
        if (right.isConstant() && right.constant() instanceof String s && !left.isConstant()) {
          node = new Nodes.EqualsString(negate, left, s, Nodes.depth(left, right));
        } else if (left.isConstant()
            && left.constant() instanceof String s
            && !right.isConstant()) {
          node = new Nodes.EqualsString(negate, right, s, Nodes.depth(left, right));
        } else {
          node = fold(new Nodes.Equality(negate, left, right), left, right);
        }
      } else {
        node = fold(new Nodes.Ordering(op.getText(), left, right), left, right);
      }
    }
    return node;
  }

  @Override
  public Node visitAdditive(StellarParser.AdditiveContext ctx) {
    return arithmeticChain(ctx, ctx.multiplicative().size());
  }

  @Override
  public Node visitMultiplicative(StellarParser.MultiplicativeContext ctx) {
    return arithmeticChain(ctx, ctx.unary().size());
  }

  // Children alternate operand, operator, operand...; chains are left-associative.
  private Node arithmeticChain(ParserRuleContext ctx, int operands) {
    Node node = visit(ctx.getChild(0));
    for (int i = 1; i < operands; i++) {
      char op = ctx.getChild(2 * i - 1).getText().charAt(0);
      Node right = visit(ctx.getChild(2 * i));
      Node left = node;
      node = fold(new Nodes.Arithmetic(op, left, right), left, right);
    }
    return node;
  }

  @Override
  public Node visitNegate(StellarParser.NegateContext ctx) {
    if (ctx.unary() instanceof StellarParser.PrimaryExprContext p) {
      ParseTree literal = p.primary();
      // "-2147483648" must parse as one literal: the positive half would overflow an int
      if (literal instanceof StellarParser.IntLiteralContext
          || literal instanceof StellarParser.LongLiteralContext
          || literal instanceof StellarParser.FloatLiteralContext
          || literal instanceof StellarParser.DoubleLiteralContext) {
        return number((ParserRuleContext) literal, "-" + literal.getText());
      }
    }
    Node operand = visit(ctx.unary());
    Node zero = new Nodes.Constant(0);
    return fold(new Nodes.Arithmetic('-', zero, operand), zero, operand);
  }

  @Override
  public Node visitNot(StellarParser.NotContext ctx) {
    Node operand = visit(ctx.unary());
    return fold(new Nodes.Not(operand), operand);
  }

  @Override
  public Node visitPrimaryExpr(StellarParser.PrimaryExprContext ctx) {
    return visit(ctx.primary());
  }

  // ---- primaries ----

  @Override
  public Node visitIntLiteral(StellarParser.IntLiteralContext ctx) {
    return number(ctx, ctx.getText());
  }

  @Override
  public Node visitLongLiteral(StellarParser.LongLiteralContext ctx) {
    return number(ctx, ctx.getText());
  }

  @Override
  public Node visitFloatLiteral(StellarParser.FloatLiteralContext ctx) {
    return number(ctx, ctx.getText());
  }

  @Override
  public Node visitDoubleLiteral(StellarParser.DoubleLiteralContext ctx) {
    return number(ctx, ctx.getText());
  }

  private Node number(ParserRuleContext ctx, String text) {
    try {
      if (ctx instanceof StellarParser.IntLiteralContext) {
        return new Nodes.Constant(Integer.parseInt(text));
      } else if (ctx instanceof StellarParser.LongLiteralContext) {
        return new Nodes.Constant(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (ctx instanceof StellarParser.FloatLiteralContext) {
        return new Nodes.Constant(Float.parseFloat(text));
      } else {
        return new Nodes.Constant(Double.parseDouble(stripSuffix(text)));
      }
    } catch (NumberFormatException e) {
      Token t = ctx.getStart();
      String hint =
          ctx instanceof StellarParser.IntLiteralContext ? " (use a long literal such as 1L)" : "";
      throw error(t, "number out of range: " + text + hint);
    }
  }

  private static String stripSuffix(String text) {
    char last = text.charAt(text.length() - 1);
    return last == 'd' || last == 'D' ? text.substring(0, text.length() - 1) : text;
  }

  @Override
  public Node visitNanLiteral(StellarParser.NanLiteralContext ctx) {
    return new Nodes.Constant(Double.NaN);
  }

  @Override
  public Node visitStringLiteral(StellarParser.StringLiteralContext ctx) {
    return new Nodes.Constant(unescape(ctx.getText()));
  }

  @Override
  public Node visitBooleanLiteral(StellarParser.BooleanLiteralContext ctx) {
    return new Nodes.Constant(ctx.TRUE() != null);
  }

  @Override
  public Node visitNullLiteral(StellarParser.NullLiteralContext ctx) {
    return new Nodes.Constant(null);
  }

  @Override
  public Node visitExists(StellarParser.ExistsContext ctx) {
    String name = ctx.IDENTIFIER().getText();
    reference(name);
    return new Nodes.Exists(name);
  }

  @Override
  public Node visitVariable(StellarParser.VariableContext ctx) {
    String name = ctx.IDENTIFIER().getText();
    reference(name);
    return new Nodes.Variable(name);
  }

  private void reference(String name) {
    for (List<String> scope : lambdaScopes) {
      if (scope.contains(name)) {
        return;
      }
    }
    variables.add(name);
  }

  @Override
  public Node visitParens(StellarParser.ParensContext ctx) {
    return visit(ctx.expression());
  }

  @Override
  public Node visitListLiteral(StellarParser.ListLiteralContext ctx) {
    Node[] elements = visitAll(ctx.expression());
    boolean constant = true;
    for (Node e : elements) {
      constant &= e.isConstant();
    }
    if (constant) {
      List<Object> values = new ArrayList<>(elements.length);
      for (Node e : elements) {
        values.add(e.constant());
      }
      return new Nodes.ConstantList(Collections.unmodifiableList(values));
    }
    return new Nodes.ListLiteral(elements, Nodes.depth(elements));
  }

  @Override
  public Node visitMapLiteral(StellarParser.MapLiteralContext ctx) {
    List<StellarParser.MapEntryContext> entries = ctx.mapEntry();
    Node[] keys = new Node[entries.size()];
    Node[] values = new Node[entries.size()];
    List<Node> all = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      keys[i] = visit(entries.get(i).logical());
      values[i] = visit(entries.get(i).expression());
      all.add(keys[i]);
      all.add(values[i]);
    }
    return new Nodes.MapLiteral(keys, values, Nodes.depth(all));
  }

  @Override
  public Node visitCall(StellarParser.CallContext ctx) {
    String name = ctx.IDENTIFIER().getText();
    Token at = ctx.getStart();
    StellarFunction fn = functions.find(name).orElse(null);
    Node[] args = visitAll(ctx.expression());
    if (fn == null) {
      String message = Calls.unresolved(name) + suggestion(name);
      warn(name, StellarWarning.Problem.UNKNOWN_FUNCTION, at, message);
      return new Nodes.UnresolvedCall(name, message, Nodes.depth(args));
    }
    FunctionDescriptor d = fn.descriptor();
    if (d.isPending()) {
      // Unknown names resolve lazily, as in Metron; a function this deployment knows it lacks is
      // refused at load, so a config that can never run is never accepted.
      throw error(at, d.unavailableMessage());
    }
    String arity = Calls.arityProblemOrNull(d, args.length);
    if (arity != null) {
      warn(name, StellarWarning.Problem.WRONG_ARGUMENT_COUNT, at, arity);
    }
    Node call = new Nodes.Call(fn, name, args, Nodes.depth(args));
    if (d.deterministic() && allConstant(args)) {
      try {
        Object value = call.eval(VariableResolver.empty(), StellarContext.empty());
        if (isImmutable(value)) {
          return new Nodes.Constant(value);
        }
      } catch (StellarException e) {
        // a call that fails on constants fails at evaluation, like any other
      }
    }
    return call;
  }

  private void warn(String function, StellarWarning.Problem problem, Token at, String message) {
    warnings.add(
        new StellarWarning(
            function, problem, at.getLine(), at.getCharPositionInLine() + 1, message));
  }

  /** The lint's findings so far, in source order. */
  public List<StellarWarning> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  private String suggestion(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    if (!upper.equals(name) && functions.find(upper).isPresent()) {
      return " (did you mean " + upper + "?)";
    }
    return "";
  }

  private Node[] visitAll(List<StellarParser.ExpressionContext> list) {
    Node[] nodes = new Node[list.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = visit(list.get(i));
    }
    return nodes;
  }

  // ---- folding ----

  private static boolean allConstant(Node... nodes) {
    for (Node n : nodes) {
      if (!n.isConstant() && !(n instanceof Nodes.ConstantList)) {
        return false;
      }
    }
    return true;
  }

  // Operators fold only over plain constants: a constant list is a fresh list per evaluation.
  private static Node fold(Node node, Node... children) {
    for (Node c : children) {
      if (!c.isConstant()) {
        return node;
      }
    }
    try {
      Object value = node.eval(VariableResolver.empty(), StellarContext.empty());
      return isImmutable(value) ? new Nodes.Constant(value) : node;
    } catch (StellarException e) {
      return node;
    }
  }

  private static boolean isImmutable(Object value) {
    return value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Float;
  }

  // ---- strings ----

  static String unescape(String token) {
    String body = token.substring(1, token.length() - 1);
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder sb = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }

  private static StellarException error(Token at, String message) {
    int line = at.getLine();
    int column = at.getCharPositionInLine() + 1;
    return new StellarException(
        message + " (line " + line + ", column " + column + ")", line, column);
  }
}
