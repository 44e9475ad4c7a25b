package io.weaver.dbrouting.examples.pipeline;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.examples.LocalDatabase;
import java.io.PrintStream;
import java.util.Map;

/** {@code pipeline [--documents N]}: runs {@link DocumentPipeline} and prints its summary. */
public final class PipelineCommand {
  public static final int DEFAULT_DOCUMENTS = 4;

  private PipelineCommand() {}

  /** Returns the process exit code: 0 when every document was processed without error. */
  public static int run(String[] args, PrintStream out) throws Exception {
    int documents = DEFAULT_DOCUMENTS;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--documents") && i + 1 < args.length && args[i + 1].matches("[1-9]\\d{0,3}")) {
        documents = Integer.parseInt(args[++i]);
      } else {
        out.println("usage: pipeline [--documents N]   (N from 1 to 9999, default " + DEFAULT_DOCUMENTS + ")");
        return 2;
      }
    }
    int count = documents;
    return LocalDatabase.withEnvironment(out, environment -> run(environment, count, out));
  }

  /** Runs against the data source the environment describes. */
  public static int run(Map<String, String> environment, int documents, PrintStream out) throws Exception {
    try (RoleAwareDataSource db = RoleAwareDataSource.fromEnvironment(environment)) {
      DocumentPipeline.Summary summary = new DocumentPipeline(db, out).run(documents);
      print(summary, out);
      return summary.errors() == 0 && summary.processed() == summary.documents() ? 0 : 1;
    }
  }

  static void print(DocumentPipeline.Summary summary, PrintStream out) {
    out.println();
    out.printf("documents processed: %d of %d, chunks: %d, errors: %d, API reads during the run: %d, elapsed: %.1f s%n",
        summary.processed(), summary.documents(), summary.chunks(), summary.errors(), summary.apiReads(),
        summary.elapsed().toMillis() / 1000.0);
    for (DbRole role : DbRole.values()) {
      DocumentPipeline.RoleSummary roleSummary = summary.roles().get(role);
      if (roleSummary == null) {
        throw new IllegalStateException("the pipeline's summary has no " + role + " role");
      }
      RolePlan plan = roleSummary.plan();
      out.printf("%-13s %-11s %s%s, pool %d..%d, peak in use %d%n", plan.poolName(), plan.mode(), plan.endpoint(),
          plan.fellBack() ? " (fallback to DATABASE_URL)" : "", plan.minimumIdle(), plan.maximumPoolSize(),
          roleSummary.peakInUse());
    }
  }
}
