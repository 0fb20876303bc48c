package io.metron.pipeline.profile.client;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ProfilerConfig;
import io.metron.core.message.MessageCodec;
import io.metron.pipeline.profile.ProfileErrors;
import io.metron.pipeline.profile.ProfileException;
import io.metron.pipeline.profile.ProfileMeasurement;
import io.metron.pipeline.profile.ProfilePeriod;
import io.metron.pipeline.profile.ProfileStateStore;
import io.metron.pipeline.profile.ProfileStore;
import io.metron.pipeline.profile.Profiler;
import io.metron.stellar.FunctionDescriptor;
import io.metron.stellar.FunctionRegistry;
import io.metron.stellar.StellarContext;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PROFILE_* and PROFILER_* functions, bound to a profile store and a clock. {@link #register}
 * adds them to a registry, replacing the placeholders; {@code PROFILER_INIT} compiles profiles
 * against that same registry, so a profile built in the shell can call every function the shell
 * can.
 */
public final class ProfileFunctions {

  private ProfileFunctions() {}

  /** {@code base} with the profile functions over {@code store} added. */
  public static FunctionRegistry register(FunctionRegistry base, ProfileStore store, Clock clock) {
    AtomicReference<FunctionRegistry> self = new AtomicReference<>();
    FunctionRegistry registry = base.withAll(functions(store, clock, self::get));
    self.set(registry);
    return registry;
  }

  private static List<StellarFunction> functions(
      ProfileStore store, Clock clock, java.util.function.Supplier<FunctionRegistry> registry) {
    return List.of(
        get(store),
        verbose(store),
        fixed(clock),
        window(clock),
        profilerInit(clock, registry),
        profilerApply(),
        profilerFlush());
  }

  private static StellarFunction get(ProfileStore store) {
    return StellarFunction.of(
        readParams(FunctionDescriptor.builder("PROFILE_GET"))
            .returns("List: the values of the periods that have a measurement, oldest first")
            .description(
                "Reads the measurements of a profile for an entity over periods; a period without"
                    + " one reads as profiler.default.value when set, else is left out.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          List<Object> out = new ArrayList<>();
          read(store, "PROFILE_GET", args, ctx, (m, value) -> out.add(value));
          return out;
        });
  }

  private static StellarFunction verbose(ProfileStore store) {
    return StellarFunction.of(
        readParams(FunctionDescriptor.builder("PROFILE_VERBOSE"))
            .returns(
                "List of maps: profile, entity, period, period.start, period.end, groups, value")
            .description("Like PROFILE_GET, with each value's period and entity.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          List<Object> out = new ArrayList<>();
          read(
              store,
              "PROFILE_VERBOSE",
              args,
              ctx,
              (m, value) -> {
                Map<String, Object> row = describe(m);
                row.put("value", value);
                out.add(row);
              });
          return out;
        });
  }

  /** The parameters PROFILE_GET and PROFILE_VERBOSE share: Metron's signature. */
  private static FunctionDescriptor.Builder readParams(FunctionDescriptor.Builder b) {
    return b.param("profile", "String", "the name of the profile")
        .param("entity", "String", "the name of the entity")
        .param("periods", "List", "the periods to read, from PROFILE_FIXED or PROFILE_WINDOW")
        .optional(
            "groups",
            "List",
            "the groups, exactly as the profile's groupBy produced them (default none)")
        .optional(
            "config_overrides", "Map", "profiler.client.* settings overriding the global ones");
  }

  private interface Sink {
    void accept(ProfileMeasurement key, Object value);
  }

  private static void read(
      ProfileStore store, String fn, List<Object> args, StellarContext ctx, Sink sink) {
    String profile = requiredString(args, 0, fn, "profile");
    String entity = requiredString(args, 1, fn, "entity");
    Object rawPeriods = arg(args, 2);
    if (!(rawPeriods instanceof Collection<?> periods)) {
      throw new StellarException(
          fn + ": argument 3 must be a list of periods (from PROFILE_FIXED or PROFILE_WINDOW)");
    }
    List<String> groups = new ArrayList<>();
    Map<?, ?> overrides = null;
    for (int i = 3; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Map<?, ?> m) {
        overrides = m;
      } else if (a instanceof Collection<?> c) {
        c.forEach(g -> groups.add(String.valueOf(g)));
      } else if (a != null) {
        groups.add(String.valueOf(a)); // Metron's deprecated form: groups as trailing strings
      }
    }
    ClientSettings settings = ClientSettings.of(ctx.globalConfig(), overrides);
    for (Object p : periods) {
      if (!(p instanceof ProfilePeriod period)) {
        throw new StellarException(
            fn + ": argument 3 must hold periods from PROFILE_FIXED or PROFILE_WINDOW, found " + p);
      }
      Optional<ProfileMeasurement> m;
      try {
        m = store.read(profile, entity, period, groups);
      } catch (IOException e) {
        throw new StellarException(fn + ": cannot read the profile store: " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new StellarException(fn + ": " + e.getMessage(), e);
      }
      if (m.isPresent()) {
        sink.accept(m.get(), m.get().value());
      } else if (settings.defaultValue() != null) {
        sink.accept(
            new ProfileMeasurement(profile, entity, period, List.copyOf(groups), null, Map.of()),
            settings.defaultValue());
      }
    }
  }

  private static Map<String, Object> describe(ProfileMeasurement m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("profile", m.profile());
    row.put("entity", m.entity());
    row.put("period", m.period().period());
    row.put("period.start", m.period().startMillis());
    row.put("period.end", m.period().endMillis());
    row.put("groups", new ArrayList<>(m.groups()));
    return row;
  }

  private static StellarFunction fixed(Clock clock) {
    return StellarFunction.of(
        FunctionDescriptor.builder("PROFILE_FIXED")
            .param("durationAgo", "Number", "how far back from now")
            .param("units", "String", "the units of durationAgo: SECONDS, MINUTES, HOURS, DAYS")
            .optional(
                "config_overrides", "Map", "profiler.client.* settings overriding the global ones")
            .returns("List of profile periods, oldest first")
            .description(
                "The profile periods from durationAgo before now until now, for PROFILE_GET.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          Object ago = arg(args, 0);
          if (!(ago instanceof Number n)) {
            throw new StellarException("PROFILE_FIXED: argument 1 must be a number, found " + ago);
          }
          TimeUnit units;
          try {
            units =
                io.metron.pipeline.profile.ProfilerSettings.units(
                    requiredString(args, 1, "PROFILE_FIXED", "units"), "PROFILE_FIXED: units");
          } catch (IllegalArgumentException e) {
            throw new StellarException(e.getMessage());
          }
          ClientSettings settings =
              ClientSettings.of(ctx.globalConfig(), overrides(args, 2, "PROFILE_FIXED"));
          long now = clock.millis();
          long start = now - units.toMillis(n.longValue());
          return new ArrayList<>(
              ProfilePeriod.between(start, now, settings.periodMillis(), p -> true));
        });
  }

  private static StellarFunction window(Clock clock) {
    Map<String, WindowSelector> cache = new java.util.concurrent.ConcurrentHashMap<>();
    return StellarFunction.of(
        FunctionDescriptor.builder("PROFILE_WINDOW")
            .param(
                "windowSelector",
                "String",
                "Metron's window language, e.g. '30 minute window every hour from 1 day ago"
                    + " excluding weekends'")
            .optional("now", "Number", "the epoch milliseconds to take as now (default the clock)")
            .optional(
                "config_overrides", "Map", "profiler.client.* settings overriding the global ones")
            .returns("List of profile periods, oldest first")
            .description("The profile periods a window selector chooses, for PROFILE_GET.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          String selector = requiredString(args, 0, "PROFILE_WINDOW", "windowSelector");
          long now = clock.millis();
          Map<?, ?> overrides = null;
          Object second = arg(args, 1);
          if (second instanceof Number n) {
            now = n.longValue();
          } else if (second instanceof Map<?, ?> m) {
            overrides = m;
          } else if (second != null) {
            throw new StellarException(
                "PROFILE_WINDOW: argument 2 must be epoch milliseconds or a map of overrides");
          }
          if (arg(args, 2) != null) {
            overrides = overrides(args, 2, "PROFILE_WINDOW");
          }
          WindowSelector w;
          try {
            w = cache.get(selector);
            if (w == null) {
              w = WindowSelector.parse(selector);
              if (cache.size() < 200) {
                cache.put(selector, w);
              }
            }
          } catch (IllegalArgumentException e) {
            throw new StellarException("PROFILE_WINDOW: " + e.getMessage());
          }
          ClientSettings settings = ClientSettings.of(ctx.globalConfig(), overrides);
          List<WindowSelector.Interval> intervals = w.intervals(now);
          return new ArrayList<>(
              ProfilePeriod.between(
                  w.startMillis(now),
                  w.endMillis(now),
                  settings.periodMillis(),
                  p -> WindowSelector.inAny(intervals, p.startMillis())));
        });
  }

  // ---- the REPL's profiler ----

  /** An in-shell profiler: what PROFILER_INIT returns and PROFILER_APPLY/FLUSH take. */
  public static final class ShellProfiler {
    private final Profiler profiler;
    private long messages;

    ShellProfiler(Profiler profiler) {
      this.profiler = profiler;
    }

    @Override
    public String toString() {
      long errors = profiler.errors().total();
      return "Profiler{"
          + profiler.profiles().size()
          + " profile(s), "
          + messages
          + " message(s)"
          + (errors == 0
              ? ""
              : ", "
                  + errors
                  + " error(s), last: "
                  + profiler.errors().snapshot().values().stream()
                      .reduce((a, b) -> b)
                      .map(ProfileErrors.Count::lastReason)
                      .orElse(""))
          + "}";
    }
  }

  private static StellarFunction profilerInit(
      Clock clock, java.util.function.Supplier<FunctionRegistry> registry) {
    return StellarFunction.of(
        FunctionDescriptor.builder("PROFILER_INIT")
            .param("config", "String", "a profiler config (profiler.json's content) as JSON")
            .optional("globals", "Map", "global config settings (default the shell's)")
            .returns("A profiler for PROFILER_APPLY and PROFILER_FLUSH")
            .description(
                "Creates an in-shell profiler from a profiler config: wall-clock time, or event"
                    + " time with a timestampField.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          String json = requiredString(args, 0, "PROFILER_INIT", "config");
          Map<String, Object> globals = new LinkedHashMap<>(ctx.globalConfig());
          Map<?, ?> extra = overrides(args, 1, "PROFILER_INIT");
          if (extra != null) {
            extra.forEach((k, v) -> globals.put(String.valueOf(k), v));
          }
          try {
            ProfilerConfig config = ProfilerConfig.parse("PROFILER_INIT", json);
            return new ShellProfiler(
                Profiler.of(
                    config,
                    registry.get(),
                    globals,
                    ProfileStateStore.inMemory(),
                    new ProfileErrors(),
                    clock));
          } catch (ConfigException | ProfileException | IllegalArgumentException e) {
            throw new StellarException("PROFILER_INIT: " + e.getMessage());
          }
        });
  }

  private static StellarFunction profilerApply() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PROFILER_APPLY")
            .param(
                "messages",
                "Object",
                "a message (a map or JSON text), or a list of them, or a JSON array")
            .param("profiler", "Object", "a profiler from PROFILER_INIT")
            .returns("The profiler")
            .description("Applies messages to an in-shell profiler.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          ShellProfiler p = shellProfiler(args, 1, "PROFILER_APPLY");
          for (Map<String, Object> message : messages(arg(args, 0))) {
            p.profiler.apply(message);
            p.messages++;
          }
          return p;
        });
  }

  private static StellarFunction profilerFlush() {
    return StellarFunction.of(
        FunctionDescriptor.builder("PROFILER_FLUSH")
            .param("profiler", "Object", "a profiler from PROFILER_INIT")
            .returns(
                "List of maps: profile, entity, period, period.start, period.end, groups, value"
                    + " (and triage when the profile has triage expressions)")
            .description("Flushes every period of an in-shell profiler, returning measurements.")
            .nondeterministic()
            .build(),
        (args, ctx) -> {
          ShellProfiler p = shellProfiler(args, 0, "PROFILER_FLUSH");
          List<Object> out = new ArrayList<>();
          for (ProfileMeasurement m : p.profiler.flushAll()) {
            Map<String, Object> row = describe(m);
            row.put("value", m.value());
            if (!m.triage().isEmpty()) {
              row.put("triage", new LinkedHashMap<>(m.triage()));
            }
            out.add(row);
          }
          return out;
        });
  }

  private static ShellProfiler shellProfiler(List<Object> args, int i, String fn) {
    if (arg(args, i) instanceof ShellProfiler p) {
      return p;
    }
    throw new StellarException(
        fn + ": argument " + (i + 1) + " must be a profiler from PROFILER_INIT");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> messages(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof Map<?, ?> m) {
      out.add((Map<String, Object>) m);
    } else if (value instanceof Collection<?> c) {
      for (Object o : c) {
        out.addAll(messages(o));
      }
    } else if (value instanceof String s) {
      Object parsed;
      try {
        parsed = MessageCodec.JSON.readValue(s, Object.class);
      } catch (IOException e) {
        throw new StellarException("PROFILER_APPLY: a message is not valid JSON: " + s);
      }
      if (parsed instanceof String) {
        throw new StellarException("PROFILER_APPLY: a message must be a JSON object");
      }
      out.addAll(messages(parsed));
    } else if (value != null) {
      throw new StellarException("PROFILER_APPLY: a message must be a map or JSON, found " + value);
    }
    return out;
  }

  private static Object arg(List<Object> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }

  private static String requiredString(List<Object> args, int i, String fn, String name) {
    Object v = arg(args, i);
    if (v == null) {
      throw new StellarException(fn + ": " + name + " is required");
    }
    return v.toString();
  }

  private static Map<?, ?> overrides(List<Object> args, int i, String fn) {
    Object v = arg(args, i);
    if (v == null || v instanceof Map<?, ?>) {
      return (Map<?, ?>) v;
    }
    throw new StellarException(fn + ": argument " + (i + 1) + " must be a map of settings");
  }
}
