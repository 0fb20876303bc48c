package io.metron.pipeline.enrich;

import io.metron.core.config.ConfigException;
import io.metron.core.config.ConfigProblem;
import io.metron.core.config.Configs;
import io.metron.core.config.SensorEnrichmentConfig;
import io.metron.core.message.ErrorMessage;
import io.metron.core.message.ErrorType;
import io.metron.core.message.Guids;
import io.metron.core.message.Message;
import io.metron.core.message.MessageFields;
import io.metron.pipeline.enrich.triage.Booleans;
import io.metron.pipeline.enrich.triage.RuleScore;
import io.metron.pipeline.enrich.triage.TriageResult;
import io.metron.stellar.StellarCompiler;
import io.metron.stellar.StellarContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment stage: enrichment, threat intel and triage for every sensor, built from {@link
 * Configs}, the stores in {@link EnrichmentResources} and a clock. What Metron's enrichment
 * topology did to each message from {@code enrichments} before it went to {@code indexing}:
 *
 * <ol>
 *   <li>the {@code enrichment} phase ({@code geo}, {@code host}, {@code hbaseEnrichment}, {@code
 *       stellar}), see {@link EnrichmentPhase};
 *   <li>the {@code threatIntel} phase ({@code hbaseThreatIntel}, {@code stellar}), which sees the
 *       enrichment phase's output;
 *   <li>triage: a message is an alert when it has a true {@code is_alert} or any {@code
 *       threatintels.*} field (other than timings); an alert gets {@code is_alert: "true"} and,
 *       when at least one rule matched, {@code threat.triage.score} and {@code
 *       threat.triage.rules.<n>.{name,comment,score,reason}}. A false {@code is_alert} is removed.
 * </ol>
 *
 * A sensor without an enrichment config passes through with only the timing fields and triage's
 * {@code is_alert} handling, as in Metron.
 *
 * <p>Thread-safe; {@link #apply} never throws for bad data: an adapter or rule that fails becomes
 * an error message in {@link Outcome#errors()} and the message carries on without its output.
 *
 * <p>Build it with {@code EnrichmentStage.create(configs, resources, clock)}; for the stream, call
 * {@link #apply} and forward {@code message()} to {@code indexing} and each of {@code errors()} to
 * the error topic.
 */
public final class EnrichmentStage {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentStage.class);

  /** What enriching one message produced: the message and any adapter or rule errors. */
  public record Outcome(Message message, List<Message> errors) {}

  private final Map<String, SensorPlan> plans;
  private final SensorPlan.Adapters adapters;
  private final StellarCompiler compiler;
  private final Map<String, Object> global;
  private final StellarContext context;
  private final Clock clock;
  private final String hostname;
  private final Consumer<Message> errorSink;

  private EnrichmentStage(
      Map<String, SensorPlan> plans,
      SensorPlan.Adapters adapters,
      StellarCompiler compiler,
      Map<String, Object> global,
      StellarContext context,
      Clock clock,
      String hostname,
      Consumer<Message> errorSink) {
    this.plans = Map.copyOf(plans);
    this.adapters = adapters;
    this.compiler = compiler;
    this.global = global;
    this.context = context;
    this.clock = clock;
    this.hostname = hostname;
    this.errorSink = errorSink;
  }

  /**
   * Builds the stage for every sensor in {@code configs}.
   *
   * @throws ConfigException listing, with file and JSON path, every expression that does not
   *     compile and every unknown adapter
   */
  public static EnrichmentStage create(Configs configs, EnrichmentResources resources, Clock clock)
      throws ConfigException {
    return create(
        configs,
        resources,
        clock,
        error -> LOG.warn("Enrichment error (use apply() to route it): {}", error.get("message")));
  }

  /**
   * Builds the stage; {@link #enrich(Message)} hands errors to {@code errorSink}.
   *
   * @throws ConfigException listing every problem in the enrichment configs
   */
  public static EnrichmentStage create(
      Configs configs, EnrichmentResources resources, Clock clock, Consumer<Message> errorSink)
      throws ConfigException {
    Map<String, Object> global = configs.global().values();
    StellarCompiler compiler = new StellarCompiler(resources.registry());
    SensorPlan.Adapters adapters = SensorPlan.Adapters.of(resources, global);
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, SensorPlan> plans = new HashMap<>();
    for (Map.Entry<String, SensorEnrichmentConfig> e : configs.enrichments().entrySet()) {
      List<SensorPlan.Problem> found = new ArrayList<>();
      plans.put(e.getKey(), SensorPlan.compile(e.getValue(), global, adapters, compiler, found));
      String file = "enrichments/" + e.getKey() + ".json";
      found.forEach(p -> problems.add(new ConfigProblem(file, p.path(), p.message())));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    StellarContext context = StellarContext.builder().globalConfig(global).build();
    return new EnrichmentStage(
        plans, adapters, compiler, global, context, clock, resources.hostname(), errorSink);
  }

  /**
   * Enriches a message, threat-intel tags and triages it, in place; errors go to the sink given at
   * construction. The shape of {@code io.metron.streams.enrich.MessageEnricher}.
   */
  public Message enrich(Message message) {
    Outcome outcome = apply(message);
    outcome.errors().forEach(errorSink);
    return outcome.message();
  }

  /** Enriches, threat-intel tags and triages {@code message} in place. Never throws. */
  public Outcome apply(Message message) {
    SensorPlan plan = plan(message.sourceType());
    List<Message> errors = new ArrayList<>(0);
    plan.enrichment().apply(message, clock.millis(), context, hostname, errors);
    plan.threatIntel().apply(message, clock.millis(), context, hostname, errors);
    triage(message, plan, errors);
    return new Outcome(message, errors);
  }

  private SensorPlan plan(String sensor) {
    SensorPlan plan = sensor == null ? null : plans.get(sensor);
    if (plan != null) {
      return plan;
    }
    List<SensorPlan.Problem> ignored = new ArrayList<>();
    // An empty config compiles to an empty plan; building it per message is cheap and rare.
    return SensorPlan.compile(
        SensorEnrichmentConfig.none(sensor), global, adapters, compiler, ignored);
  }

  private void triage(Message message, SensorPlan plan, List<Message> errors) {
    Map<String, Object> fields = message.fields();
    boolean alert;
    if (fields.containsKey(MessageFields.IS_ALERT)) {
      Boolean flag = Booleans.parse(fields.get(MessageFields.IS_ALERT));
      alert = flag != null && flag;
      if (!alert) {
        fields.remove(MessageFields.IS_ALERT);
      }
    } else {
      alert = false;
      for (String key : fields.keySet()) {
        if (key.startsWith("threatintels") && !key.endsWith(".ts")) {
          alert = true;
          break;
        }
      }
    }
    if (!alert) {
      return;
    }
    fields.put(MessageFields.IS_ALERT, "true");
    if (plan.triage().size() == 0) {
      return;
    }
    SensorEnrichmentConfig config = plan.config();
    TriageResult result =
        plan.triage()
            .score(
                new MessageVariables(
                    null, fields, config.configuration(), config.threatIntel().config()),
                context);
    for (String problem : result.errors()) {
      String guid = message.guid();
      errors.add(
          ErrorMessage.of(ErrorType.THREAT_INTEL_ERROR)
              .sensor(message.sourceType())
              .message("THREAT_INTEL error with triage failed: " + problem)
              .raw(message.copy())
              .guid(Guids.derived(guid == null ? null : guid + "/triage/" + problem, 0))
              .toMessage(clock.millis(), hostname));
    }
    List<RuleScore> rules = result.rules();
    if (rules.isEmpty()) {
      return;
    }
    fields.put(MessageFields.THREAT_SCORE, result.score());
    for (int i = 0; i < rules.size(); i++) {
      RuleScore rule = rules.get(i);
      String prefix = "threat.triage.rules." + i + ".";
      message.put(prefix + "name", rule.rule().name());
      message.put(prefix + "comment", rule.rule().comment());
      message.put(prefix + "score", scoreAsConfigured(rule.rule().score()));
      message.put(prefix + "reason", rule.reason());
    }
  }

  /** Metron recorded a rule's score as configured: a number stays a number, an expression text. */
  private static Object scoreAsConfigured(String score) {
    if (score == null) {
      return null;
    }
    try {
      return Long.parseLong(score);
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(score);
        return Double.isFinite(d) ? d : score;
      } catch (NumberFormatException e2) {
        return score;
      }
    }
  }
}
