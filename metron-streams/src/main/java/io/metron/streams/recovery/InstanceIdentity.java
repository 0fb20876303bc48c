package io.metron.streams.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The identity of one platform instance: created with its data directory and kept in {@code
 * <data>/instance.id}, so a restart on the same directory is the same instance to Kafka.
 *
 * <p>It names the consumers' static group membership ({@code group.instance.id}). A restarted
 * instance joining with the identity of the one that died replaces it in the group at once and gets
 * its partitions back without a rebalance; without it the group waits for the dead member's session
 * to expire. Two instances never share a data directory (Lucene and the stream state lock it), so
 * two live members never share an identity.
 *
 * @param id a random UUID, fixed for the life of the data directory
 */
public record InstanceIdentity(String id) {
  static final String FILE = "instance.id";

  /** Reads the identity of {@code dataDir}, creating it on first use. */
  public static InstanceIdentity of(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      String id = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!id.isEmpty()) {
        return new InstanceIdentity(id);
      }
    }
    Files.createDirectories(dataDir);
    String id = UUID.randomUUID().toString();
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new InstanceIdentity(id);
  }

  /**
   * The static membership of this instance's consumers in one group. Kafka Streams adds the stream
   * thread's number to it; each other consumer names its own role.
   */
  public String groupInstanceId(String role) {
    return "metron-" + role + "-" + id;
  }
}
