package io.weaver.dbrouting.benchmarks.burst;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstMarkdownTests {

  @Test
  void figuresReplaceOnlyTheMarkedSection() {
    String document = "# Title\n\nexpected\n\n" + BurstMarkdown.START + "\nold\n" + BurstMarkdown.END + "\n\nafter\n";
    String figures = BurstMarkdown.START + "\nnew\n" + BurstMarkdown.END + "\n";
    assertThat(BurstMarkdown.replaceFigures(document, figures))
        .isEqualTo("# Title\n\nexpected\n\n" + BurstMarkdown.START + "\nnew\n" + BurstMarkdown.END + "\n\nafter\n");
  }

  @Test
  void figuresAreAppendedToADocumentWithoutMarkers() {
    assertThat(BurstMarkdown.replaceFigures("# Title", "figures\n")).isEqualTo("# Title\nfigures\n");
  }

  @Test
  void aScenarioThatDidNotRunIsShownWithItsReasonInTableAndCsv() {
    ScenarioResult skipped = ScenarioResult.notRun(Scenario.PREPARED_1_24,
        "not available in this build: the setting had no effect, prepareThreshold=0", "1.24.1");
    String markdown = BurstMarkdown.figures(List.of(skipped), List.of("a machine"));
    assertThat(markdown).contains("| (d) library, WORKER_DATABASE_PREPARED_STATEMENTS=on | 1.24.1 | not available in "
        + "this build").contains("(d) not available in this build");
    assertThat(BurstCsv.write(List.of(skipped))).startsWith(String.join(",", BurstCsv.COLUMNS) + "\n")
        .contains("d,\"not available in this build: the setting had no effect, prepareThreshold=0\",1.24.1");
  }

  @Test
  void resultFilesKeepKeysAndValues(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("worker-1.result");
    ResultFile.write(file, Map.of("errors", "26000=1;42P05=2", "samples.read", "1 2 3"));
    assertThat(ResultFile.read(file)).containsEntry("errors", "26000=1;42P05=2").containsEntry("samples.read", "1 2 3");
  }
}
