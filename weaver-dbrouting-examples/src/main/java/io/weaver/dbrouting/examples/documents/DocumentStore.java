package io.weaver.dbrouting.examples.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The documents schema and its statements in plain JDBC. Which pool a call uses is decided by the caller's role:
 * uploads and reads run as the API role, {@link #process} as the worker role, in short transactions.
 */
public final class DocumentStore {
  /** How many chunks one transaction writes. */
  public static final int CHUNKS_PER_TRANSACTION = 5;

  /** A document as the API shows it. */
  public record Document(long id, String title, String status, int chunks) {}

  private final DataSource dataSource;

  public DocumentStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the tables if they do not exist. */
  public void createSchema() throws SQLException {
    String sql;
    try (InputStream in = DocumentStore.class.getResourceAsStream("/documents-schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("documents-schema.sql is missing from the class path");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read documents-schema.sql", e);
    }
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String part : sql.split(";", -1)) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    }
  }

  /** Stores an uploaded document as pending and returns its id. */
  public long upload(String title, String body) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO documents (title, body) VALUES (?, ?) RETURNING id")) {
      insert.setString(1, title);
      insert.setString(2, body);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Splits, embeds and stores a document's chunks in short transactions, then marks it done. */
  public int process(long id) throws SQLException {
    String body;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT body FROM documents WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no document " + id);
        }
        body = rs.getString(1);
      }
    }
    List<String> chunks = Chunker.split(body);
    for (int from = 0; from < chunks.size(); from += CHUNKS_PER_TRANSACTION) {
      writeChunks(id, chunks, from, Math.min(chunks.size(), from + CHUNKS_PER_TRANSACTION));
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement done = connection.prepareStatement(
            "UPDATE documents SET status = 'done', chunk_count = ?, processed_at = now() WHERE id = ?")) {
      done.setInt(1, chunks.size());
      done.setLong(2, id);
      done.executeUpdate();
    }
    return chunks.size();
  }

  /** Marks a document failed, so readers see it. */
  public void markFailed(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement failed = connection.prepareStatement("UPDATE documents SET status = 'failed' WHERE id = ?")) {
      failed.setLong(1, id);
      failed.executeUpdate();
    }
  }

  private void writeChunks(long id, List<String> chunks, int from, int to) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO chunks (document_id, position, content, embedding) VALUES (?, ?, ?, ?)")) {
        for (int i = from; i < to; i++) {
          Array embedding = connection.createArrayOf("float4", Embeddings.of(chunks.get(i)));
          insert.setLong(1, id);
          insert.setInt(2, i);
          insert.setString(3, chunks.get(i));
          insert.setArray(4, embedding);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** One document, if it exists. */
  public Optional<Document> find(long id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT id, title, status, chunk_count FROM documents WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(document(rs)) : Optional.empty();
      }
    }
  }

  /** The newest documents first, at most {@code limit}. */
  public List<Document> list(int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT id, title, status, chunk_count FROM documents ORDER BY id DESC LIMIT ?")) {
      select.setInt(1, limit);
      List<Document> documents = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          documents.add(document(rs));
        }
      }
      return documents;
    }
  }

  /** Application names that wrote the chunks of {@code ids}: which pool did the worker's writes. */
  public List<String> chunkWriters(List<Long> ids) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT DISTINCT written_by FROM chunks WHERE document_id = ANY (?) ORDER BY 1")) {
      select.setArray(1, connection.createArrayOf("int8", ids.toArray()));
      List<String> writers = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          writers.add(rs.getString(1));
        }
      }
      return writers;
    }
  }

  private static Document document(ResultSet rs) throws SQLException {
    return new Document(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4));
  }
}
