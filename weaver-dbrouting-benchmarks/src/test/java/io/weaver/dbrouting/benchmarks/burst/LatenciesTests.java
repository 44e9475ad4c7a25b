package io.weaver.dbrouting.benchmarks.burst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTests {

  @Test
  void percentileIsTheNearestRankSample() {
    Latencies latencies = new Latencies();
    for (long i = 100; i >= 1; i--) {
      latencies.add(i);
    }
    assertThat(latencies.percentile(50)).hasValue(50);
    assertThat(latencies.percentile(99)).hasValue(99);
    assertThat(latencies.percentile(100)).hasValue(100);
    assertThat(latencies.percentile(0.5)).hasValue(1);
  }

  @Test
  void percentileOfNoSamplesIsEmptyAndOfOneSampleIsThatSample() {
    Latencies latencies = new Latencies();
    assertThat(latencies.percentile(99)).isEmpty();
    latencies.add(7);
    assertThat(latencies.percentile(1)).hasValue(7);
    assertThat(latencies.percentile(99)).hasValue(7);
  }

  @Test
  void percentileOutsideZeroToHundredIsRefused() {
    assertThatThrownBy(() -> new Latencies().percentile(0)).hasMessageContaining("not in (0, 100]");
  }

  @Test
  void encodedSamplesDecodeToTheSameSamplesAndMergeAcrossProcesses() {
    Latencies first = new Latencies();
    for (int i = 0; i < 1000; i++) {
      first.add(i);
    }
    Latencies merged = Latencies.decode(first.encode());
    merged.addAll(Latencies.decode(""));
    merged.addAll(Latencies.decode("5000"));
    assertThat(merged.count()).isEqualTo(1001);
    assertThat(merged.percentile(100)).hasValue(5000);
  }
}
