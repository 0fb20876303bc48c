/**
 * JMH benchmarks of the parse stage: whole-pipeline throughput per message for Bro, yaf and ASA.
 */
package io.metron.bench.parse;
