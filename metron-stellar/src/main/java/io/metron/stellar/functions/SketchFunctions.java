package io.metron.stellar.functions;

import static io.metron.stellar.FunctionDescriptor.builder;
import static io.metron.stellar.functions.StringFunctions.def;

import com.tdunning.math.stats.TDigest;
import io.metron.stellar.StellarException;
import io.metron.stellar.StellarFunction;
import io.metron.stellar.sketch.BloomFilter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.HllUnion;

/**
 * Probabilistic structures: HLLP_* (HyperLogLog cardinality), BLOOM_* (bloom filters), SAMPLE_*
 * (reservoir samples) and OUTLIER_MAD_* (median absolute deviation). Their states are updated in
 * place, as in Metron, and belong to one evaluation at a time.
 */
final class SketchFunctions {

  private SketchFunctions() {}

  static List<StellarFunction> functions() {
    List<StellarFunction> f = new ArrayList<>();
    hllp(f);
    bloom(f);
    sample(f);
    outlier(f);
    return f;
  }

  // ---- HLLP ----

  /** A HyperLogLog sketch with the precision it was created with. */
  record Hllp(int p, int sp, HllSketch sketch) implements Serializable {
    // HllSketch is not Serializable: a profile keeps its estimators across restarts as bytes.
    @java.io.Serial
    private Object writeReplace() {
      return new HllpBytes(p, sp, sketch.toCompactByteArray());
    }

    @Override
    public String toString() {
      return "HLLP{p=" + p + ", estimate=" + Math.round(sketch.getEstimate()) + "}";
    }
  }

  private static void hllp(List<StellarFunction> f) {
    f.add(
        def(
            builder("HLLP_INIT")
                .optional("p", "Integer", "the normal-set precision, 4..21 (default 14)")
                .optional(
                    "sp",
                    "Integer",
                    "the sparse-set precision, at least p and below 32 (default 25)")
                .returns("A HyperLogLog cardinality estimator")
                .description(
                    "Creates a HyperLogLog++ estimator of distinct values; higher p means smaller"
                        + " error and more memory.")
                .example("HLLP_CARDINALITY(HLLP_INIT(12, 20))", "0L")
                .nondeterministic(),
            (a, c) -> {
              Integer p = Args.integer(a, 0, "HLLP_INIT");
              Integer sp = Args.integer(a, 1, "HLLP_INIT");
              return newHllp(p == null ? 14 : p, sp == null ? 25 : sp);
            }));
    f.add(
        def(
            builder("HLLP_ADD")
                .param("hyperLogLogPlus", "Hllp", "the estimator; null creates one")
                .variadic("value", "Object", "values or lists of values to count")
                .returns("The estimator, updated in place")
                .description("Adds values to a HyperLogLog estimator.")
                .example("HLLP_CARDINALITY(HLLP_ADD(HLLP_INIT(), ['a', 'b', 'a']))", "2L")
                .nondeterministic(),
            (a, c) -> {
              Hllp h = Args.object(a, 0, Hllp.class, "HLLP_ADD", "an estimator from HLLP_INIT");
              if (h == null) {
                h = newHllp(14, 25);
              }
              for (int i = 1; i < a.size(); i++) {
                addHllp(h.sketch(), a.get(i));
              }
              return h;
            }));
    f.add(
        def(
            builder("HLLP_CARDINALITY")
                .param("hyperLogLogPlus", "Hllp", "the estimator")
                .returns("Long: the estimated number of distinct values; 0 for null")
                .description("The estimated number of distinct values added.")
                .example("HLLP_CARDINALITY(HLLP_ADD(HLLP_INIT(), 'x'))", "1L"),
            (a, c) -> {
              Hllp h = Args.object(a, 0, Hllp.class, "HLLP_CARDINALITY", "an estimator");
              return h == null ? 0L : Math.round(h.sketch().getEstimate());
            }));
    f.add(
        def(
            builder("HLLP_MERGE")
                .param("hllp", "List", "a list of estimators")
                .returns("A new estimator counting the union")
                .description("Merges HyperLogLog estimators.")
                .example(
                    "HLLP_CARDINALITY(HLLP_MERGE([HLLP_ADD(HLLP_INIT(), 'a'), HLLP_ADD(HLLP_INIT(),"
                        + " ['a', 'b'])]))",
                    "2L")
                .nondeterministic(),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "HLLP_MERGE");
              int p = 21;
              List<Hllp> all = new ArrayList<>();
              if (list != null) {
                for (Object o : list) {
                  if (o instanceof Hllp h) {
                    all.add(h);
                    p = Math.min(p, h.p());
                  }
                }
              }
              if (all.isEmpty()) {
                return newHllp(14, 25);
              }
              HllUnion union = new HllUnion(p);
              for (Hllp h : all) {
                union.update(h.sketch());
              }
              return new Hllp(p, all.get(0).sp(), union.getResult());
            }));
  }

  private static Hllp newHllp(int p, int sp) {
    if (p < 4 || p > 21) {
      throw new StellarException("HLLP_INIT: p must be between 4 and 21, was " + p);
    }
    if (sp < p || sp >= 32) {
      throw new StellarException("HLLP_INIT: sp must be at least p and below 32, was " + sp);
    }
    return new Hllp(p, sp, new HllSketch(p));
  }

  private static void addHllp(HllSketch s, Object v) {
    if (v instanceof Collection<?> col) {
      for (Object o : col) {
        addHllp(s, o);
      }
    } else if (v != null) {
      s.update(v.toString());
    }
  }

  /** The serialized form of {@link Hllp}. */
  private record HllpBytes(int p, int sp, byte[] sketch) implements Serializable {
    @java.io.Serial
    private Object readResolve() {
      return new Hllp(p, sp, HllSketch.heapify(sketch));
    }
  }

  // ---- BLOOM ----

  private static void bloom(List<StellarFunction> f) {
    f.add(
        def(
            builder("BLOOM_INIT")
                .optional(
                    "expectedInsertions",
                    "Integer",
                    "how many values the filter is sized for (default 100000; as in Metron, read"
                        + " only when a second argument is given too)")
                .optional(
                    "falsePositiveRate",
                    "Float",
                    "the target false-positive rate (default 0.01; as in Metron, read only when a"
                        + " third argument is given too)")
                .returns("An empty bloom filter")
                .description(
                    "Creates a bloom filter laid out as Metron's (Guava's bits over Kryo bytes).")
                .example("BLOOM_EXISTS(BLOOM_INIT(), 'x')", "false")
                .example("BLOOM_EXISTS(BLOOM_INIT(100, 0.01), 'x')", "false")
                .nondeterministic(),
            (a, c) -> {
              // Metron's quirk, kept: each argument counts only when one more follows it
              long expected = 100_000;
              double fpp = 0.01f;
              if (a.size() > 1) {
                Number n = Args.number(a, 0, "BLOOM_INIT");
                if (n == null) {
                  throw new StellarException("BLOOM_INIT: expectedInsertions must not be null");
                }
                expected = n.intValue();
              }
              if (a.size() > 2) {
                Number p = Args.number(a, 1, "BLOOM_INIT");
                if (p == null) {
                  throw new StellarException("BLOOM_INIT: falsePositiveRate must not be null");
                }
                fpp = p.floatValue();
              }
              try {
                return BloomFilter.create(expected, fpp);
              } catch (IllegalArgumentException e) {
                throw new StellarException("BLOOM_INIT: " + e.getMessage());
              }
            }));
    f.add(
        def(
            builder("BLOOM_ADD")
                .param("bloom", "BloomFilter", "the filter")
                .variadic("value", "Object", "values to add; nulls are skipped")
                .returns("The filter, updated in place")
                .description("Adds values to a bloom filter.")
                .example("BLOOM_EXISTS(BLOOM_ADD(BLOOM_INIT(), 'a', 'b'), 'b')", "true")
                .nondeterministic(),
            (a, c) -> {
              BloomFilter b = Args.object(a, 0, BloomFilter.class, "BLOOM_ADD", "a bloom filter");
              if (b == null) {
                throw new StellarException("BLOOM_ADD: the bloom filter must not be null");
              }
              for (int i = 1; i < a.size(); i++) {
                if (a.get(i) != null) {
                  b.add(a.get(i));
                }
              }
              return b;
            }));
    f.add(
        def(
            builder("BLOOM_EXISTS")
                .optional("bloom", "BloomFilter", "the filter")
                .optional("value", "Object", "the value to test")
                .returns(
                    "Boolean: false when surely absent (or no value is given), true when probably"
                        + " present")
                .description("Tests whether a value may be in a bloom filter.")
                .example("BLOOM_EXISTS(BLOOM_ADD(BLOOM_INIT(), 'a'), 'zzz')", "false")
                .example("BLOOM_EXISTS()", "false"),
            (a, c) -> {
              if (a.size() < 2 || a.get(1) == null) {
                return false;
              }
              BloomFilter b =
                  Args.object(a, 0, BloomFilter.class, "BLOOM_EXISTS", "a bloom filter");
              if (b == null) {
                throw new StellarException("BLOOM_EXISTS: the bloom filter must not be null");
              }
              return b.mightContain(a.get(1));
            }));
    f.add(
        def(
            builder("BLOOM_MERGE")
                .optional("bloomfilters", "List", "filters created with the same parameters")
                .returns("A new filter holding every value; null unless given a list of filters")
                .description("Merges bloom filters; elements that are not filters are skipped.")
                .example(
                    "BLOOM_EXISTS(BLOOM_MERGE([BLOOM_ADD(BLOOM_INIT(), 'a'),"
                        + " BLOOM_ADD(BLOOM_INIT(), 'b')]), 'a')",
                    "true")
                .example("BLOOM_MERGE('not a list')", "null")
                .nondeterministic(),
            (a, c) -> {
              if (a.isEmpty() || !(a.get(0) instanceof List<?> list)) {
                return null;
              }
              BloomFilter out = null;
              for (Object o : list) {
                if (o instanceof BloomFilter b) {
                  if (out == null) {
                    out = b.copy();
                  } else if (!out.isCompatible(b)) {
                    throw new StellarException(
                        "BLOOM_MERGE: filters must be created with the same parameters");
                  } else {
                    out = out.merge(b);
                  }
                }
              }
              return out;
            }));
  }

  // ---- SAMPLE ----

  /** A uniform reservoir sample (algorithm R). */
  static final class Reservoir implements Serializable {
    final int size;
    long seen;
    final List<Object> items = new ArrayList<>();

    Reservoir(int size) {
      this.size = size;
    }

    void add(Object o) {
      seen++;
      if (items.size() < size) {
        items.add(o);
      } else {
        long j = ThreadLocalRandom.current().nextLong(seen);
        if (j < size) {
          items.set((int) j, o);
        }
      }
    }

    @Override
    public String toString() {
      return "Sample{size=" + size + ", seen=" + seen + "}";
    }
  }

  private static void sample(List<StellarFunction> f) {
    f.add(
        def(
            builder("SAMPLE_INIT")
                .optional("size", "Integer", "the most values kept (default 1024)")
                .returns("An empty reservoir sampler")
                .description("Creates a uniform random sampler of bounded size.")
                .example("SAMPLE_GET(SAMPLE_INIT(2))", "[]")
                .nondeterministic(),
            (a, c) -> {
              Integer size = Args.integer(a, 0, "SAMPLE_INIT");
              int s = size == null ? 1024 : size;
              if (s <= 0) {
                throw new StellarException("SAMPLE_INIT: size must be positive");
              }
              return new Reservoir(s);
            }));
    f.add(
        def(
            builder("SAMPLE_ADD")
                .param("sampler", "Sampler", "the sampler; null creates one of size 1024")
                .param("o", "Object", "a value, or a list of values")
                .returns("The sampler, updated in place")
                .description("Offers values to a sampler.")
                .example("SAMPLE_GET(SAMPLE_ADD(SAMPLE_INIT(5), [1, 2]))", "[1, 2]")
                .nondeterministic(),
            (a, c) -> {
              Reservoir r = Args.object(a, 0, Reservoir.class, "SAMPLE_ADD", "a sampler");
              if (r == null) {
                r = new Reservoir(1024);
              }
              Object o = a.get(1);
              if (o instanceof Collection<?> col) {
                for (Object x : col) {
                  r.add(x);
                }
              } else if (o != null) {
                r.add(o);
              }
              return r;
            }));
    f.add(
        def(
            builder("SAMPLE_GET")
                .param("sampler", "Sampler", "the sampler")
                .returns("A list of the sampled values")
                .description("The values a sampler currently holds.")
                .example("LENGTH(SAMPLE_GET(SAMPLE_ADD(SAMPLE_INIT(2), [1, 2, 3])))", "2")
                .nondeterministic(),
            (a, c) -> {
              Reservoir r = Args.object(a, 0, Reservoir.class, "SAMPLE_GET", "a sampler");
              return r == null ? null : new ArrayList<>(r.items);
            }));
    f.add(
        def(
            builder("SAMPLE_MERGE")
                .param("samplers", "List", "the samplers to merge")
                .optional("baseSampler", "Sampler", "a sampler whose size the result takes")
                .returns("A new sampler")
                .description("Merges samplers into one of the base (or the first) sampler's size.")
                .example(
                    "LENGTH(SAMPLE_GET(SAMPLE_MERGE([SAMPLE_ADD(SAMPLE_INIT(5), 1),"
                        + " SAMPLE_ADD(SAMPLE_INIT(5), 2)])))",
                    "2")
                .nondeterministic(),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "SAMPLE_MERGE");
              Reservoir base = Args.object(a, 1, Reservoir.class, "SAMPLE_MERGE", "a sampler");
              List<Reservoir> all = new ArrayList<>();
              if (list != null) {
                for (Object o : list) {
                  if (o instanceof Reservoir r) {
                    all.add(r);
                  }
                }
              }
              int size = base != null ? base.size : all.isEmpty() ? 1024 : all.get(0).size;
              Reservoir out = new Reservoir(size);
              for (Reservoir r : all) {
                for (Object o : r.items) {
                  out.add(o);
                }
              }
              return out;
            }));
  }

  // ---- OUTLIER_MAD ----

  /** Median-absolute-deviation state: sketches of the values and of their deviations. */
  static final class MadState implements Serializable {
    final TDigest values = TDigest.createMergingDigest(100);
    final TDigest deviations = TDigest.createMergingDigest(100);

    void add(double v) {
      values.add(v);
      deviations.add(Math.abs(v - values.quantile(0.5)));
    }

    @Override
    public String toString() {
      return "MadState{count=" + values.size() + "}";
    }
  }

  private static void outlier(List<StellarFunction> f) {
    f.add(
        def(
            builder("OUTLIER_MAD_ADD")
                .param("state", "MadState", "the state; null creates one")
                .param("value", "Number", "a value or a list of values")
                .returns("The state, updated in place")
                .description("Adds values to a median-absolute-deviation state.")
                .example(
                    "OUTLIER_MAD_SCORE(OUTLIER_MAD_ADD(OUTLIER_MAD_ADD(null, [1, 2, 3, 4, 5]), 3),"
                        + " 3)",
                    "0.0")
                .nondeterministic(),
            (a, c) -> {
              MadState s = Args.object(a, 0, MadState.class, "OUTLIER_MAD_ADD", "a MAD state");
              if (s == null) {
                s = new MadState();
              }
              addMad(s, a.get(1));
              return s;
            }));
    f.add(
        def(
            builder("OUTLIER_MAD_SCORE")
                .param("state", "MadState", "the state")
                .param("value", "Number", "the value to score")
                .optional("scale", "Number", "the scale factor (default 0.6745)")
                .returns("Double: scale * |value - median| / MAD; 0 when MAD is 0")
                .description("The modified z-score of a value against a MAD state.")
                .example(
                    "OUTLIER_MAD_SCORE(OUTLIER_MAD_ADD(null, [1, 1, 2, 2, 4, 6, 9]), 2) < 1",
                    "true")
                .nondeterministic(),
            (a, c) -> {
              MadState s = Args.object(a, 0, MadState.class, "OUTLIER_MAD_SCORE", "a MAD state");
              Number v = Args.number(a, 1, "OUTLIER_MAD_SCORE");
              Number scale = Args.number(a, 2, "OUTLIER_MAD_SCORE");
              if (s == null || v == null || s.values.size() == 0) {
                return Double.NaN;
              }
              double mad = s.deviations.quantile(0.5);
              double dev = Math.abs(v.doubleValue() - s.values.quantile(0.5));
              if (mad == 0) {
                return 0.0;
              }
              return (scale == null ? 0.6745 : scale.doubleValue()) * dev / mad;
            }));
    f.add(
        def(
            builder("OUTLIER_MAD_STATE_MERGE")
                .param("states", "List", "the states to merge")
                .optional("currentState", "MadState", "a state merged in as well")
                .returns("A new state")
                .description("Merges median-absolute-deviation states, e.g. over a profile window.")
                .example(
                    "OUTLIER_MAD_SCORE(OUTLIER_MAD_STATE_MERGE([OUTLIER_MAD_ADD(null, [1, 2]),"
                        + " OUTLIER_MAD_ADD(null, [2, 3])]), 2)",
                    "0.0")
                .nondeterministic(),
            (a, c) -> {
              Collection<Object> list = Args.collection(a, 0, "OUTLIER_MAD_STATE_MERGE");
              MadState current =
                  Args.object(a, 1, MadState.class, "OUTLIER_MAD_STATE_MERGE", "a MAD state");
              MadState out = new MadState();
              List<Object> all = list == null ? new ArrayList<>() : new ArrayList<>(list);
              if (current != null) {
                all.add(current);
              }
              for (Object o : all) {
                if (o instanceof MadState s) {
                  out.values.add(s.values);
                  out.deviations.add(s.deviations);
                }
              }
              return out;
            }));
  }

  private static void addMad(MadState s, Object v) {
    if (v instanceof Number n) {
      s.add(n.doubleValue());
    } else if (v instanceof Collection<?> col) {
      for (Object o : col) {
        addMad(s, o);
      }
    }
  }
}
