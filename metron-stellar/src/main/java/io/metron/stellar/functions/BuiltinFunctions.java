package io.metron.stellar.functions;

import io.metron.stellar.StellarFunction;
import java.util.ArrayList;
import java.util.List;

/** The explicit list of every built-in function family; no classpath scanning. */
public final class BuiltinFunctions {

  private BuiltinFunctions() {}

  /** Every built-in function, including the placeholders for other modules' functions. */
  public static List<StellarFunction> all() {
    List<StellarFunction> all = new ArrayList<>();
    all.addAll(StringFunctions.functions());
    all.addAll(CollectionFunctions.functions());
    all.addAll(MathFunctions.functions());
    all.addAll(ConversionFunctions.functions());
    all.addAll(StatisticsFunctions.functions());
    all.addAll(SketchFunctions.functions());
    all.addAll(DateFunctions.functions());
    all.addAll(NetworkFunctions.functions());
    all.addAll(DomainFunctions.functions());
    all.addAll(EncodingFunctions.functions());
    all.addAll(HashFunctions.functions());
    all.addAll(RegexFunctions.functions());
    all.addAll(JsonFunctions.functions());
    all.addAll(GeohashFunctions.functions());
    all.addAll(SystemFunctions.functions());
    all.addAll(PendingFunctions.functions());
    return all;
  }
}
