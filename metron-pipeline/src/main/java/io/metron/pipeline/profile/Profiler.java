package io.metron.pipeline.profile;

import io.metron.core.config.ProfilerConfig;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The profiler over a sequence of messages: routes each message, applies it to the state of its
 * (profile, entity, period), and flushes a period once it is closed. Time is the wall clock, or
 * with {@code timestampField} the message's own epoch-millisecond field (a message without a valid
 * one is dropped, as Metron dropped it). A period closes when time passes its end plus the lag; a
 * message for a closed period arrives too late and is dropped. Not thread-safe.
 *
 * <p>The streaming profiler, the backfill and the REPL's {@code PROFILER_*} functions are this
 * class over different {@link ProfileStateStore}s.
 */
public final class Profiler {

  /** What happened to messages: applied to at least one profile, dropped for time, or late. */
  public record Counts(long applied, long noTimestamp, long late) {}

  private final MessageRouter router;
  private final Map<String, CompiledProfile> byName = new HashMap<>();
  private final String timestampField;
  private final ProfilerSettings settings;
  private final ProfileStateStore states;
  private final StellarContext context;
  private final ProfileErrors errors;
  private final Clock clock;
  private boolean dropLate = true;
  private long applied;
  private long noTimestamp;
  private long late;

  public Profiler(
      List<CompiledProfile> profiles,
      String timestampField,
      ProfilerSettings settings,
      ProfileStateStore states,
      StellarContext context,
      ProfileErrors errors,
      Clock clock) {
    this.router = new MessageRouter(profiles, context, errors);
    profiles.forEach(p -> byName.put(p.name(), p));
    this.timestampField = timestampField;
    this.settings = settings;
    this.states = states;
    this.context = context;
    this.errors = errors;
    this.clock = clock;
  }

  /**
   * A profiler for {@code config} with functions from {@code functions}, settings from {@code
   * global}.
   *
   * @throws ProfileException when a profile's expression does not compile
   * @throws IllegalArgumentException when a {@code profiler.*} setting is invalid
   */
  public static Profiler of(
      ProfilerConfig config,
      FunctionRegistry functions,
      Map<String, Object> global,
      ProfileStateStore states,
      ProfileErrors errors,
      Clock clock) {
    return new Profiler(
        CompiledProfile.compileAll(config, new StellarCompiler(functions)),
        config.timestampField(),
        ProfilerSettings.from(global),
        states,
        StellarContext.builder().globalConfig(global).build(),
        errors,
        clock);
  }

  /**
   * Counts every event in its period however late it comes: for a backfill, which reads the archive
   * sensor by sensor rather than in time order, and flushes with {@link #flushAll()}.
   */
  public Profiler keepLateEvents() {
    dropLate = false;
    return this;
  }

  public ProfilerSettings settings() {
    return settings;
  }

  public List<CompiledProfile> profiles() {
    return router.profiles();
  }

  public ProfileErrors errors() {
    return errors;
  }

  /** Applies one message to every profile it routes to. */
  public void apply(Map<String, Object> message) {
    Long timestamp = timestampOf(message);
    if (timestamp == null) {
      return;
    }
    advance(timestamp);
    if (dropLate && settings.closed(settings.periodOf(timestamp), states.watermark())) {
      late++; // counted once for the message, not once per profile
      return;
    }
    boolean any = false;
    for (MessageRouter.Route route : route(message)) {
      any |= apply(route.profile().name(), route.entity(), message, timestamp);
    }
    if (any) {
      applied++;
    }
  }

  /**
   * The time of a message: its {@code timestampField} (null, and counted, when it has no valid
   * one), else the clock.
   */
  public Long timestampOf(Map<String, Object> message) {
    if (timestampField == null) {
      return clock.millis();
    }
    Long ts = epochMillis(message.get(timestampField));
    if (ts == null) {
      noTimestamp++;
    }
    return ts;
  }

  /** The (profile, entity) pairs a message feeds. */
  public List<MessageRouter.Route> route(Map<String, Object> message) {
    return router.route(message);
  }

  /**
   * Applies a routed message to one (profile, entity): the streaming profiler routes in one task
   * and applies in the task that owns the entity.
   *
   * @return whether the message was applied (not late, the profile known, no expression failed)
   */
  public boolean apply(String profileName, String entity, Map<String, Object> message, long ts) {
    if (ts > states.watermark()) {
      states.watermark(ts);
    }
    ProfilePeriod period = settings.periodOf(ts);
    if (dropLate && settings.closed(period, states.watermark())) {
      late++;
      return false;
    }
    CompiledProfile profile = byName.get(profileName);
    if (profile == null) {
      return false;
    }
    ProfileStateStore.Key key = new ProfileStateStore.Key(profileName, entity, period.period());
    ProfileState state = states.get(key);
    if (state == null) {
      state = new ProfileState();
    }
    boolean ok = true;
    try {
      ProfileBuilder.apply(profile, entity, state, message, ts, context);
    } catch (ProfileException e) {
      errors.record(e);
      ok = false;
    }
    states.put(key, state);
    return ok;
  }

  /**
   * Moves the clock's high-water mark to {@code ts} if that is later: the streaming profiler's
   * tasks tell each other the newest event time, so a period closes for every entity at once.
   */
  public void advance(long ts) {
    if (ts > states.watermark()) {
      states.watermark(ts);
    }
  }

  /**
   * Flushes the periods closed by now: by the newest event time with a {@code timestampField}, else
   * by the wall clock.
   */
  public List<ProfileMeasurement> flushClosed() {
    long now = timestampField == null ? clock.millis() : states.watermark();
    return flush(
        key -> settings.closed(new ProfilePeriod(key.period(), settings.periodMillis()), now));
  }

  /** Flushes every open period, closed or not (the REPL's flush; the end of a backfill). */
  public List<ProfileMeasurement> flushAll() {
    return flush(key -> true);
  }

  private List<ProfileMeasurement> flush(
      java.util.function.Predicate<ProfileStateStore.Key> which) {
    List<ProfileStateStore.Key> keys = new ArrayList<>();
    for (ProfileStateStore.Key key : states.keys()) {
      if (which.test(key)) {
        keys.add(key);
      }
    }
    keys.sort(
        Comparator.comparingLong(ProfileStateStore.Key::period)
            .thenComparing(ProfileStateStore.Key::profile)
            .thenComparing(ProfileStateStore.Key::entity));
    List<ProfileMeasurement> out = new ArrayList<>();
    for (ProfileStateStore.Key key : keys) {
      ProfileState state = states.get(key);
      states.remove(key);
      CompiledProfile profile = byName.get(key.profile());
      if (profile == null || state == null || !state.initialized) {
        continue; // a profile removed from the config, or a period whose init never succeeded
      }
      try {
        out.add(
            ProfileBuilder.flush(
                profile,
                key.entity(),
                new ProfilePeriod(key.period(), settings.periodMillis()),
                state,
                context));
      } catch (ProfileException e) {
        errors.record(e);
      }
    }
    return out;
  }

  public Counts counts() {
    return new Counts(applied, noTimestamp, late);
  }

  /** An epoch-millisecond timestamp from a number or a numeric string, else null. */
  public static Long epochMillis(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
