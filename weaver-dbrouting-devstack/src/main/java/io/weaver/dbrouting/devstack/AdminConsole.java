package io.weaver.dbrouting.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The admin console of a PgBouncer (its {@code pgbouncer} database), queried with psql: the console reports
 * server_version "1.18.0/bouncer", which pgjdbc reads as a pre-9.0 server and follows login with SETs the console
 * refuses.
 */
final class AdminConsole {

  private final Path psql;

  AdminConsole(Path psql) {
    this.psql = psql;
  }

  /**
   * Runs {@code command} (e.g. {@code SHOW CLIENTS}) on the console of the PgBouncer on {@code port} and returns its
   * rows, column name to value; {@code endpoint} names it in messages.
   */
  List<Map<String, String>> query(Endpoint endpoint, int port, String command) {
    ProcessBuilder pb = new ProcessBuilder(psql.toString(),
        "-h", Ports.HOST, "-p", String.valueOf(port), "-U", PoolerStack.USER, "-d", "pgbouncer",
        "--no-psqlrc", "--no-align", "--field-separator=\t", "--pset=footer=off", "-c", command);
    ServiceUser.scrubEnvironment(pb);
    pb.environment().put("PGPASSWORD", PoolerStack.PASSWORD);
    pb.redirectErrorStream(true);
    try {
      Process process = pb.start();
      String output = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("psql " + command + " on " + endpoint + " failed: " + output);
      }
      return rows(output);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  /** psql's unaligned output: a header line, then one line per row, fields separated by tabs. */
  private static List<Map<String, String>> rows(String output) {
    List<String> lines = output.lines().filter(line -> !line.isEmpty()).toList();
    List<Map<String, String>> rows = new ArrayList<>();
    if (lines.isEmpty()) {
      return rows;
    }
    String[] header = lines.get(0).split("\t", -1);
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split("\t", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], i < values.length ? values[i] : "");
      }
      rows.add(row);
    }
    return rows;
  }
}
