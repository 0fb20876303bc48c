/**
 * Bro and Zeek logs: {@link io.metron.pipeline.parse.bro.BroParser} (Metron's {@code
 * BasicBroParser}, the Kafka plugin's wrapped JSON) and {@link
 * io.metron.pipeline.parse.bro.ZeekParser} (Zeek's own JSON logs of any type), sharing the mapping
 * to Metron's fields in {@code BroRecords}.
 */
package io.metron.pipeline.parse.bro;
