package io.metron.pipeline.profile;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Profile measurements keyed by (profile, entity, period, groups), as Metron kept them in HBase.
 * Writing a key again replaces its measurement, so replaying a flush is harmless. Implementations
 * are thread-safe and readable while another process writes.
 */
public interface ProfileStore extends AutoCloseable {

  /** Stores measurements durably before returning. */
  void write(Collection<ProfileMeasurement> measurements) throws IOException;

  /**
   * The measurement of one key.
   *
   * @param groups the groupBy values as strings, exactly as the profile produced them
   */
  Optional<ProfileMeasurement> read(
      String profile, String entity, ProfilePeriod period, List<String> groups) throws IOException;

  @Override
  void close() throws IOException;

  /** A store with no measurements that refuses writes: for validating rules without data. */
  static ProfileStore none() {
    return new ProfileStore() {
      @Override
      public void write(Collection<ProfileMeasurement> measurements) throws IOException {
        throw new IOException("no profile store in this deployment");
      }

      @Override
      public Optional<ProfileMeasurement> read(
          String profile, String entity, ProfilePeriod period, List<String> groups) {
        return Optional.empty();
      }

      @Override
      public void close() {}
    };
  }
}
