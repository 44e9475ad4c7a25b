package io.weaver.dbrouting.benchmarks.burst;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark's tables (the examples' documents and chunks, plus collections that documents belong to) and the
 * burst itself: {@link #resetWithPendingDocuments} empties them and inserts the uploaded documents, all pending.
 * Runs on a direct connection, outside what is measured.
 */
final class BurstSchema {
  static final int COLLECTIONS = 20;

  private static final String[] CREATE = {
    "DROP TABLE IF EXISTS chunks, documents, collections",
    "CREATE TABLE collections (id integer PRIMARY KEY, name text NOT NULL, archived boolean NOT NULL DEFAULT false)",
    "CREATE TABLE documents (id bigserial PRIMARY KEY, collection_id integer NOT NULL REFERENCES collections (id),"
        + " title text NOT NULL, body text NOT NULL, status text NOT NULL DEFAULT 'pending', claimed_by text,"
        + " chunk_count integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(),"
        + " processed_at timestamptz)",
    "CREATE INDEX documents_pending ON documents (id) WHERE status = 'pending'",
    "CREATE INDEX documents_collection ON documents (collection_id, id)",
    "CREATE TABLE chunks (id bigserial PRIMARY KEY, document_id bigint NOT NULL REFERENCES documents (id),"
        + " position integer NOT NULL, content text NOT NULL, embedding real[] NOT NULL)",
    "CREATE INDEX chunks_document ON chunks (document_id, position)",
    "INSERT INTO collections (id, name, archived) SELECT i, 'collection ' || i, i % 10 = 9"
        + " FROM generate_series(0, " + (COLLECTIONS - 1) + ") i",
  };

  private BurstSchema() {}

  static void create(Connection direct) throws SQLException {
    try (Statement statement = direct.createStatement()) {
      for (String sql : CREATE) {
        statement.execute(sql);
      }
    }
  }

  /**
   * Empties documents and chunks and inserts {@code documents} pending ones of about {@code bodyChars} characters,
   * spread over the collections; then refreshes the planner's statistics.
   */
  static void resetWithPendingDocuments(Connection direct, int documents, int bodyChars) throws SQLException {
    try (Statement statement = direct.createStatement()) {
      statement.execute("TRUNCATE chunks, documents RESTART IDENTITY");
      statement.execute("INSERT INTO documents (collection_id, title, body)"
          + " SELECT i % " + COLLECTIONS + ", 'upload ' || i,"
          + " left(repeat('Weaver routes each role to its pooler; workers write chunks in short transactions. ' || i"
          + " || ' ', " + (bodyChars / 60 + 1) + "), " + bodyChars + ")"
          + " FROM generate_series(1, " + documents + ") i");
      statement.execute("VACUUM ANALYZE collections, documents, chunks");
    }
  }

  /** Documents by status, e.g. {@code done=1990, failed=10}. */
  static Map<String, Long> statusCounts(Connection direct) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement select = direct.prepareStatement(
            "SELECT status, count(*) FROM documents GROUP BY status ORDER BY status");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }
}
