package io.metron.server;

import io.metron.core.config.ConfigLoader;
import io.metron.core.config.Configs;
import io.metron.search.SearchStore;
import io.metron.server.audit.AuditLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the API works on: the platform's parts, handed over by the composition root.
 *
 * @param dataDir the data directory (users, tokens, audit log, packet store, pcap jobs)
 * @param configDir the config directory the pipeline hot-reloads from
 * @param loader the validating config loader ({@code metron config validate}'s)
 * @param store the search store the pipeline indexes into; the server writes alert state to it
 * @param configs the running configs
 * @param reloadConfigs applies changed config files now (true when new configs were applied)
 * @param kafka the Kafka bootstrap servers, once the broker runs
 * @param audit the audit log
 * @param clock the clock
 */
public record ServerContext(
    Path dataDir,
    Path configDir,
    ConfigLoader loader,
    SearchStore store,
    Supplier<Configs> configs,
    BooleanSupplier reloadConfigs,
    Supplier<String> kafka,
    AuditLog audit,
    Clock clock) {}
