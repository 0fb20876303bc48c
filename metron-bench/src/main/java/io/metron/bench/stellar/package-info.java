/**
 * JMH benchmarks of Stellar: {@link io.metron.bench.stellar.StellarBenchmark} measures compile rate
 * and the evaluation of a triage rule and a string rule against a 20-field message.
 */
package io.metron.bench.stellar;
