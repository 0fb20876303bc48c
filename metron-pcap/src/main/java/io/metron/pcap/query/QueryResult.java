package io.metron.pcap.query;

import java.nio.file.Path;
import java.util.List;

/**
 * What a query did.
 *
 * @param packetsExamined packets read and tested (over the store: index candidates only)
 * @param packetsMatched packets written to the output
 * @param filesRead input files opened
 * @param outputs files written (empty for a stream)
 * @param warnings problems that did not stop the query: damaged inputs (their readable packets were
 *     used), packets skipped for having another link type
 */
public record QueryResult(
    long packetsExamined,
    long packetsMatched,
    int filesRead,
    List<Path> outputs,
    List<String> warnings) {}
