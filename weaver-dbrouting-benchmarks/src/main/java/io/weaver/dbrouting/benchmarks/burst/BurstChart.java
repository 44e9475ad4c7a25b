package io.weaver.dbrouting.benchmarks.burst;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's chart, drawn with JFreeChart: per scenario that ran, documents per second, document latency p50 and
 * p99, and the API's read p99 idle and during the burst (latencies on a log scale: they span milliseconds to seconds).
 */
final class BurstChart {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 900;
  /** The log axes start here (ms), so that every bar has a visible foot. */
  private static final double LOG_BASE_MS = 0.1;

  private BurstChart() {}

  static void write(List<ScenarioResult> results, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    DefaultCategoryDataset throughput = new DefaultCategoryDataset();
    DefaultCategoryDataset documents = new DefaultCategoryDataset();
    DefaultCategoryDataset api = new DefaultCategoryDataset();
    for (ScenarioResult r : results) {
      if (!r.ran()) {
        continue;
      }
      String label = "(" + r.scenario().id + ")";
      throughput.addValue(r.documentsPerSecond(), "documents/s", label);
      add(documents, "document p50", label, ScenarioResult.millis(r.documentLatency(), 50));
      add(documents, "document p99", label, ScenarioResult.millis(r.documentLatency(), 99));
      add(api, "API read p99, idle", label, ScenarioResult.millis(r.apiIdle(), 99));
      add(api, "API read p99, burst", label, ScenarioResult.millis(r.apiBurst(), 99));
    }
    CategoryAxis scenarios = new CategoryAxis("scenario");
    scenarios.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(scenarios);
    plot.setGap(12);
    plot.add(subplot(throughput, new NumberAxis("documents/s"), 0), 1);
    plot.add(subplot(documents, logAxis("document latency (ms)"), LOG_BASE_MS), 1);
    plot.add(subplot(api, logAxis("API read latency (ms)"), LOG_BASE_MS), 1);
    JFreeChart chart = new JFreeChart("Burst: " + results.stream().filter(ScenarioResult::ran).findFirst()
        .map(r -> r.documents() + " documents") .orElse("no scenario ran"), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }

  private static void add(DefaultCategoryDataset dataset, String series, String label, OptionalDouble value) {
    if (value.isPresent()) {
      dataset.addValue(Math.max(value.getAsDouble(), LOG_BASE_MS), series, label);
    }
  }

  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(LOG_BASE_MS);
    axis.setBase(10);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    return axis;
  }

  private static CategoryPlot subplot(DefaultCategoryDataset dataset, ValueAxis axis, double base) {
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setBase(base);
    renderer.setIncludeBaseInRange(base > 0 ? false : true);
    renderer.setDefaultItemLabelsVisible(false);
    CategoryPlot plot = new CategoryPlot(dataset, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }
}
