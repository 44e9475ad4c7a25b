package io.weaver.dbrouting.benchmarks.burst;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.StringJoiner;

/** Latency samples in microseconds and their nearest-rank percentiles. Thread-safe. */
public final class Latencies {
  private long[] samples = new long[256];
  private int size;

  /** Adds one sample. */
  public synchronized void add(long micros) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = micros;
  }

  /** Adds every sample of {@code other}. */
  public void addAll(Latencies other) {
    for (long sample : other.snapshot()) {
      add(sample);
    }
  }

  public synchronized int count() {
    return size;
  }

  /**
   * The nearest-rank percentile: the smallest sample that at least {@code p} percent of the samples do not exceed;
   * empty when there are no samples.
   *
   * @param p in (0, 100]
   */
  public OptionalLong percentile(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
    }
    long[] sorted = snapshot();
    if (sorted.length == 0) {
      return OptionalLong.empty();
    }
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return OptionalLong.of(sorted[Math.max(rank, 1) - 1]);
  }

  /** The samples separated by spaces, for a result file. */
  public String encode() {
    StringJoiner joined = new StringJoiner(" ");
    for (long sample : snapshot()) {
      joined.add(Long.toString(sample));
    }
    return joined.toString();
  }

  /** Reads what {@link #encode()} wrote. */
  public static Latencies decode(String encoded) {
    Latencies latencies = new Latencies();
    for (String part : encoded.trim().split(" ", -1)) {
      if (!part.isEmpty()) {
        latencies.add(Long.parseLong(part));
      }
    }
    return latencies;
  }

  private synchronized long[] snapshot() {
    return Arrays.copyOf(samples, size);
  }
}
