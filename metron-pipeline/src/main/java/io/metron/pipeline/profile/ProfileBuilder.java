package io.metron.pipeline.profile;

import io.metron.stellar.CompiledExpression;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds one (profile, entity, period) as Metron's {@code DefaultProfileBuilder}: the first message
 * of the period runs the {@code init} assignments, every message runs the {@code update}
 * assignments (variables persist within the period), and the flush runs {@code result.profile},
 * {@code result.triage} and {@code groupBy}. Expressions see the profile's variables first, then
 * the message's fields. At flush they also see {@code profile}, {@code entity}, {@code start},
 * {@code end}, {@code duration} and (for triage and groupBy) {@code result}.
 *
 * <p>Stateless itself: the state lives in a {@link ProfileState}, so the same code serves the
 * in-memory profiler and the streaming one, whose state is in a Kafka Streams store. Each period
 * starts from fresh state, as Metron's batch profiler built it, so the stream and a backfill over
 * the same events give the same values.
 */
public final class ProfileBuilder {

  private ProfileBuilder() {}

  /**
   * Applies one message.
   *
   * @throws ProfileException when an {@code init} or {@code update} expression fails; the
   *     assignments before it stand, as in Metron, and the message is not counted
   */
  public static void apply(
      CompiledProfile profile,
      String entity,
      ProfileState state,
      Map<String, Object> message,
      long timestamp,
      StellarContext context) {
    VariableResolver vars = layered(state.variables, message);
    if (!state.initialized) {
      assign(profile, entity, "init", profile.init(), state, vars, message.keySet(), context);
      state.initialized = true;
    }
    assign(profile, entity, "update", profile.update(), state, vars, message.keySet(), context);
    state.maxTimestamp = Math.max(state.maxTimestamp, timestamp);
    state.messages++;
  }

  /**
   * Completes a period.
   *
   * @throws ProfileException when {@code result}, a triage or a groupBy expression fails: no
   *     measurement, as in Metron
   */
  public static ProfileMeasurement flush(
      CompiledProfile profile,
      String entity,
      ProfilePeriod period,
      ProfileState state,
      StellarContext context) {
    Map<String, Object> extra = new HashMap<>();
    extra.put("profile", profile.name());
    extra.put("entity", entity);
    extra.put("start", period.startMillis());
    extra.put("end", period.endMillis());
    extra.put("duration", period.durationMillis());
    VariableResolver vars = layered(state.variables, extra);
    Object value =
        evaluate(profile, entity, "result/profile", profile.result(), vars, state, context);
    extra.put("result", value);
    Map<String, Object> triage = new LinkedHashMap<>();
    for (Map.Entry<String, CompiledExpression> e : profile.triage().entrySet()) {
      triage.put(
          e.getKey(),
          evaluate(profile, entity, "result/triage", e.getValue(), vars, state, context));
    }
    List<Object> groups = new ArrayList<>();
    for (CompiledExpression g : profile.groupBy()) {
      groups.add(evaluate(profile, entity, "groupBy", g, vars, state, context));
    }
    return new ProfileMeasurement(
        profile.name(), entity, period, groups, value, triage, profile.expires());
  }

  private static void assign(
      CompiledProfile profile,
      String entity,
      String type,
      Map<String, CompiledExpression> assignments,
      ProfileState state,
      VariableResolver vars,
      Collection<String> messageFields,
      StellarContext context) {
    for (Map.Entry<String, CompiledExpression> e : assignments.entrySet()) {
      try {
        state.variables.put(e.getKey(), e.getValue().evaluate(vars, context));
      } catch (StellarException ex) {
        throw new ProfileException(
            profile.name(),
            describe(type, ex, profile, entity, scope(state, messageFields), e.getValue()),
            ex);
      }
    }
  }

  private static Object evaluate(
      CompiledProfile profile,
      String entity,
      String type,
      CompiledExpression expr,
      VariableResolver vars,
      ProfileState state,
      StellarContext context) {
    try {
      return expr.evaluate(vars, context);
    } catch (StellarException ex) {
      List<String> flushVars = List.of("profile", "entity", "start", "end", "duration", "result");
      throw new ProfileException(
          profile.name(), describe(type, ex, profile, entity, scope(state, flushVars), expr), ex);
    }
  }

  private static Collection<String> scope(ProfileState state, Collection<String> more) {
    TreeSet<String> names = new TreeSet<>(state.variables.keySet());
    names.addAll(more);
    return names;
  }

  /** Metron's error text for a failed profile expression. */
  static String describe(
      String type,
      StellarException e,
      CompiledProfile profile,
      String entity,
      Collection<String> variables) {
    return describe(type, e, profile, entity, new TreeSet<>(variables), null);
  }

  private static String describe(
      String type,
      StellarException e,
      CompiledProfile profile,
      String entity,
      Collection<String> variables,
      CompiledExpression expr) {
    return "Bad '"
        + type
        + "' expression: error='"
        + e.getMessage()
        + "'"
        + (expr == null ? "" : ", expr='" + expr.source() + "'")
        + ", profile='"
        + profile.name()
        + "'"
        + (entity == null ? "" : ", entity='" + entity + "'")
        + ", variables-available='"
        + variables
        + "'";
  }

  /** The profile's variables first, then {@code rest}; {@code _} is {@code rest} as a whole. */
  private static VariableResolver layered(Map<String, Object> state, Map<String, Object> rest) {
    return name -> {
      if (state.containsKey(name)) {
        return state.get(name);
      }
      Object value = rest.get(name);
      if (value == null && VariableResolver.ALL_VARIABLES.equals(name)) {
        return java.util.Collections.unmodifiableMap(rest);
      }
      return value;
    };
  }
}
