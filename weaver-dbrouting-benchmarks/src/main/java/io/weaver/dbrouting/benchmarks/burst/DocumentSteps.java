package io.weaver.dbrouting.benchmarks.burst;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What a worker does to one document, each step a short transaction of its own on a connection taken from the pool
 * and given back: claim the next pending document, read it with its neighbours, insert its chunks one by one, mark it
 * done. The read and insert steps time their statement (execute and fetch, not the wait for a pooled connection).
 */
final class DocumentSteps {
  /** Chunks per document, each one insert in its own transaction. */
  static final int CHUNKS_PER_DOCUMENT = 12;
  /** Floats in each chunk's embedding. */
  static final int EMBEDDING_SIZE = 16;
  /** Neighbours are documents of the same collection within this many ids. */
  static final int NEIGHBOURHOOD = 100;

  static final String CLAIM = "UPDATE documents SET status = 'processing', claimed_by = ?"
      + " WHERE id = (SELECT id FROM documents WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"
      + " RETURNING id, body";
  /** The read with planning work: four relations, a range, several predicates, an ordered result. */
  static final String READ_WITH_NEIGHBOURS = "SELECT d.id, d.title, col.name, n.id, n.title, n.status, c.position,"
      + " c.content FROM documents d"
      + " JOIN collections col ON col.id = d.collection_id AND NOT col.archived"
      + " JOIN documents n ON n.collection_id = d.collection_id AND n.id BETWEEN d.id - ? AND d.id + ?"
      + " AND n.id <> d.id AND n.status <> 'failed'"
      + " LEFT JOIN chunks c ON c.document_id = n.id AND c.position < 2"
      + " WHERE d.id = ? AND d.status = 'processing'"
      + " ORDER BY n.id, c.position LIMIT 50";
  static final String INSERT_CHUNK =
      "INSERT INTO chunks (document_id, position, content, embedding) VALUES (?, ?, ?, ?)";
  static final String MARK_DONE =
      "UPDATE documents SET status = 'done', chunk_count = ?, processed_at = now() WHERE id = ?";
  static final String MARK_FAILED = "UPDATE documents SET status = 'failed' WHERE id = ?";

  /** A claimed document. */
  record Claimed(long id, String body) {}

  private final DataSource dataSource;
  private final String worker;

  DocumentSteps(DataSource dataSource, String worker) {
    this.dataSource = dataSource;
    this.worker = worker;
  }

  /** The next pending document, now processing; null when none is left. */
  @Nullable Claimed claim() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement claim = connection.prepareStatement(CLAIM)) {
      claim.setString(1, worker);
      try (ResultSet rs = claim.executeQuery()) {
        return rs.next() ? new Claimed(rs.getLong(1), rs.getString(2)) : null;
      }
    }
  }

  /** Reads the document with its neighbours; records the statement's time. */
  void readWithNeighbours(long id, Latencies statementTimes) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement read = connection.prepareStatement(READ_WITH_NEIGHBOURS)) {
      read.setInt(1, NEIGHBOURHOOD);
      read.setInt(2, NEIGHBOURHOOD);
      read.setLong(3, id);
      long started = System.nanoTime();
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          rs.getLong(1);
        }
      }
      statementTimes.add((System.nanoTime() - started) / 1_000);
    }
  }

  /** Inserts chunk {@code position} of the document; records the statement's time. */
  void insertChunk(Claimed document, int position, Latencies statementTimes) throws SQLException {
    String body = document.body();
    int size = body.length() / CHUNKS_PER_DOCUMENT;
    String content = body.substring(position * size, position == CHUNKS_PER_DOCUMENT - 1 ? body.length()
        : (position + 1) * size);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK)) {
      insert.setLong(1, document.id());
      insert.setInt(2, position);
      insert.setString(3, content);
      insert.setArray(4, connection.createArrayOf("float4", embedding(content)));
      long started = System.nanoTime();
      insert.executeUpdate();
      statementTimes.add((System.nanoTime() - started) / 1_000);
    }
  }

  void markDone(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement done = connection.prepareStatement(MARK_DONE)) {
      done.setInt(1, CHUNKS_PER_DOCUMENT);
      done.setLong(2, id);
      done.executeUpdate();
    }
  }

  void markFailed(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement failed = connection.prepareStatement(MARK_FAILED)) {
      failed.setLong(1, id);
      failed.executeUpdate();
    }
  }

  /** A stand-in embedding: deterministic floats from the text. */
  static Float[] embedding(String text) {
    Float[] vector = new Float[EMBEDDING_SIZE];
    int hash = text.hashCode();
    for (int i = 0; i < vector.length; i++) {
      hash = hash * 31 + i;
      vector[i] = (hash % 1000) / 1000f;
    }
    return vector;
  }
}
