package io.metron.streams.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts hanging transactions on the platform's topics.
 *
 * <p>A transaction hangs when a partition holds the start of a producer's transaction that the
 * transaction coordinator does not know about: no commit or abort marker will ever come, so the
 * partition's last stable offset stays there and every {@code read_committed} reader (the stream
 * threads, the indexing writer) stops at it for good. Neither fencing the producer nor the
 * transaction timeout ends it, since both act only on the partitions the coordinator lists. It was
 * seen after a SIGKILL of a platform with its embedded broker: the broker restarted with the
 * producer's data on a partition of {@code indexing} but without that partition in the
 * coordinator's state for the transaction, and indexing of that partition stopped (issue 16).
 * Kafka's own remedy is {@code kafka-transactions.sh find-hanging} and {@code abort}, run by hand;
 * this does the same on a schedule.
 *
 * <p>A transaction is aborted only when every sweep for at least {@link #MINIMUM_AGE} (and at least
 * two sweeps) saw the same producer, epoch and first offset open on a partition and, each time, the
 * coordinator had no ongoing or completing transaction of that producer including the partition.
 * The age is longer than the stream threads' transaction timeout (Kafka Streams' 10 s), after which
 * the coordinator itself ends any transaction it knows, so a transaction it reported late cannot be
 * taken for a lost one. The abort marker carries the producer's epoch, so a producer that has moved
 * on in the meantime is not affected: the broker refuses a marker older than the producer's current
 * epoch.
 */
public final class HangingTransactions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);

  /** How often the topics are looked at. */
  public static final Duration SWEEP = Duration.ofSeconds(3);

  /** How long a transaction is seen hanging before it is aborted. */
  public static final Duration MINIMUM_AGE = Duration.ofSeconds(12);

  private static final Set<TransactionState> OPEN =
      Set.of(
          TransactionState.ONGOING,
          TransactionState.PREPARE_COMMIT,
          TransactionState.PREPARE_ABORT,
          TransactionState.PREPARE_EPOCH_FENCE);

  /** An open transaction on one partition, as the partition's leader reports it. */
  record Open(TopicPartition partition, long producerId, int epoch, long firstOffset, int coord) {}

  private final Admin admin;
  private final Predicate<String> watched;
  private final Duration minimumAge;
  private final ScheduledExecutorService scheduler;

  /**
   * What the last sweep found hanging, with when it was first seen so ({@link System#nanoTime}).
   */
  private Map<Open, Long> suspects = Map.of();

  private long aborted;

  /** Watches the topics {@code watched} accepts, aborting what hangs for {@link #MINIMUM_AGE}. */
  public HangingTransactions(Admin admin, Predicate<String> watched) {
    this(admin, watched, MINIMUM_AGE);
  }

  /**
   * @param admin the cluster's admin client, closed with this
   * @param watched which topics to watch, by name, tested against the cluster's topics on every
   *     sweep (sensors come and go); it must take in the internal changelog and repartition topics
   *     of the stream applications too, since a transaction hangs there as easily, and a changelog
   *     whose end a restoring task cannot reach holds that task in restoration for good
   * @param minimumAge how long a transaction must be seen hanging before it is aborted
   */
  HangingTransactions(Admin admin, Predicate<String> watched, Duration minimumAge) {
    this.admin = admin;
    this.watched = watched;
    this.minimumAge = minimumAge;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("hanging-transactions").unstarted(r));
  }

  /** Sweeps now and then every {@link #SWEEP}. */
  public void start() {
    scheduler.scheduleWithFixedDelay(
        this::sweepQuietly, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many hanging transactions this instance aborted. */
  public synchronized long aborted() {
    return aborted;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Could not look for hanging transactions: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Could not look for hanging transactions: {}", e.getMessage(), e);
    }
  }

  /**
   * One sweep: aborts what every sweep since at least {@code minimumAge} ago (and the previous one
   * at least) found hanging, and remembers what hangs now.
   *
   * @return the transactions aborted by this sweep
   */
  synchronized List<Open> sweep()
      throws ExecutionException, InterruptedException, TimeoutException {
    long now = System.nanoTime();
    Map<Open, Long> hanging = new HashMap<>();
    List<Open> abort = new ArrayList<>();
    for (Open open : find()) {
      Long since = suspects.get(open);
      hanging.put(open, since == null ? now : since);
      if (since != null && now - since >= minimumAge.toNanos()) {
        abort.add(open);
      }
    }
    for (Open open : abort) {
      try {
        admin
            .abortTransaction(
                new AbortTransactionSpec(
                    open.partition(), open.producerId(), (short) open.epoch(), open.coord()))
            .all()
            .get(30, TimeUnit.SECONDS);
        aborted++;
        hanging.remove(open);
        LOG.warn(
            "Aborted a hanging transaction on {} (producer {}, epoch {}, open since offset {}):"
                + " the transaction coordinator did not know it, so it held back every"
                + " read_committed reader of the partition",
            open.partition(),
            open.producerId(),
            open.epoch(),
            open.firstOffset());
      } catch (ExecutionException e) {
        LOG.warn(
            "Could not abort the hanging transaction on {} (producer {}, epoch {}): {}",
            open.partition(),
            open.producerId(),
            open.epoch(),
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
    }
    suspects = hanging;
    return abort;
  }

  /** The open transactions on the watched topics that the coordinator does not know about. */
  List<Open> find() throws ExecutionException, InterruptedException, TimeoutException {
    List<String> names =
        admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(watched).toList();
    if (names.isEmpty()) {
      return List.of();
    }
    List<TopicPartition> partitions = new ArrayList<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (topic, description) ->
                description
                    .partitions()
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
    List<TopicPartition> unstable = unstable(partitions);
    if (unstable.isEmpty()) {
      return List.of();
    }
    List<Open> open = new ArrayList<>();
    admin
        .describeProducers(unstable)
        .all()
        .get(30, TimeUnit.SECONDS)
        .forEach(
            (partition, description) -> {
              for (ProducerState producer : description.activeProducers()) {
                if (producer.currentTransactionStartOffset().isPresent()) {
                  open.add(
                      new Open(
                          partition,
                          producer.producerId(),
                          producer.producerEpoch(),
                          producer.currentTransactionStartOffset().getAsLong(),
                          producer.coordinatorEpoch().orElse(-1)));
                }
              }
            });
    if (open.isEmpty()) {
      return List.of();
    }
    Map<Long, Set<TopicPartition>> known = knownToCoordinator(open);
    return open.stream()
        .filter(o -> !known.getOrDefault(o.producerId(), Set.of()).contains(o.partition()))
        .toList();
  }

  /** The partitions whose last stable offset is behind their end: only they can hold one. */
  private List<TopicPartition> unstable(List<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
    var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
    var stable =
        admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(30, TimeUnit.SECONDS);
    return partitions.stream().filter(p -> stable.get(p).offset() < ends.get(p).offset()).toList();
  }

  /** Per producer id, the partitions of its transaction that the coordinator has not closed. */
  private Map<Long, Set<TopicPartition>> knownToCoordinator(List<Open> open)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<Long> producerIds = new HashSet<>();
    open.forEach(o -> producerIds.add(o.producerId()));
    Collection<TransactionListing> listings =
        admin
            .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
            .all()
            .get(30, TimeUnit.SECONDS);
    List<String> ids =
        listings.stream()
            .filter(l -> OPEN.contains(l.state()))
            .map(TransactionListing::transactionalId)
            .toList();
    Map<Long, Set<TopicPartition>> known = new HashMap<>();
    if (ids.isEmpty()) {
      return known;
    }
    Map<String, TransactionDescription> descriptions =
        admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS);
    for (TransactionDescription d : descriptions.values()) {
      if (OPEN.contains(d.state())) {
        known.computeIfAbsent(d.producerId(), k -> new HashSet<>()).addAll(d.topicPartitions());
      }
    }
    return known;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
