package io.metron.pipeline.profile;

import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.VariableResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which (profile, entity) pairs a message feeds, as Metron's {@code DefaultMessageRouter}:
 * for each profile, {@code onlyif} against the message, then {@code foreach} for the entity. A
 * profile whose expression fails on the message is reported to {@link ProfileErrors} and skipped;
 * the other profiles still see the message. Thread-safe.
 */
public final class MessageRouter {

  /** One (profile, entity) pair a message belongs to. */
  public record Route(CompiledProfile profile, String entity) {}

  private final List<CompiledProfile> profiles;
  private final StellarContext context;
  private final ProfileErrors errors;

  public MessageRouter(
      List<CompiledProfile> profiles, StellarContext context, ProfileErrors errors) {
    this.profiles = List.copyOf(profiles);
    this.context = context;
    this.errors = errors;
  }

  public List<CompiledProfile> profiles() {
    return profiles;
  }

  /** The routes of {@code message}, in profile order. */
  public List<Route> route(Map<String, Object> message) {
    List<Route> routes = new ArrayList<>(2);
    VariableResolver vars = VariableResolver.of(message);
    for (CompiledProfile profile : profiles) {
      try {
        if (!profile.onlyif().evaluatePredicate(vars, context)) {
          continue;
        }
        Object entity = profile.foreach().evaluate(vars, context);
        if (entity == null || entity.toString().isEmpty()) {
          throw new StellarException("the entity is missing (null or empty)");
        }
        routes.add(new Route(profile, entity.toString()));
      } catch (StellarException e) {
        errors.record(
            new ProfileException(
                profile.name(),
                ProfileBuilder.describe("onlyif/foreach", e, profile, null, message.keySet()),
                e));
      }
    }
    return routes;
  }
}
