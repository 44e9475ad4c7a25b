package io.weaver.dbrouting.examples.app;

import io.weaver.dbrouting.examples.documents.DocumentStore;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /documents} (text in, 202 with an id), {@code GET /documents/{id}}, {@code GET /documents}. */
@RestController
@RequestMapping("/documents")
public class DocumentController {
  /** The largest document accepted, in characters. */
  public static final int MAX_CHARS = 100_000;

  /** The answer to an upload. */
  public record Accepted(long id, String status) {}

  /** The body of every error response. */
  public record Problem(int status, String error) {}

  private final DocumentStore store;
  private final DocumentProcessor processor;

  public DocumentController(DocumentStore store, DocumentProcessor processor) {
    this.store = store;
    this.processor = processor;
  }

  @PostMapping
  public ResponseEntity<?> upload(@RequestBody(required = false) String text) throws SQLException {
    if (text == null || text.isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "the document is empty: send its text as the request body");
    }
    if (text.length() > MAX_CHARS) {
      return error(HttpStatus.BAD_REQUEST, "the document has " + text.length() + " characters; the limit is "
          + MAX_CHARS);
    }
    String title = text.strip().lines().findFirst().orElse("").strip();
    long id = store.upload(title.length() > 80 ? title.substring(0, 80) : title, text);
    processor.process(id);
    return ResponseEntity.accepted().location(URI.create("/documents/" + id))
        .body(new Accepted(id, "pending"));
  }

  @GetMapping("/{id}")
  public ResponseEntity<?> get(@PathVariable long id) throws SQLException {
    return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no document " + id));
  }

  @GetMapping
  public List<DocumentStore.Document> list() throws SQLException {
    return store.list(100);
  }

  @ExceptionHandler(SQLException.class)
  ResponseEntity<Problem> databaseError(SQLException e) {
    return error(HttpStatus.SERVICE_UNAVAILABLE, "database error (SQLSTATE " + e.getSQLState() + ")");
  }

  private static ResponseEntity<Problem> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(new Problem(status.value(), message));
  }
}
