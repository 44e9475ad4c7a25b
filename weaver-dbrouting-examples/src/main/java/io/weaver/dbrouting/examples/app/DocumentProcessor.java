package io.weaver.dbrouting.examples.app;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.examples.documents.DocumentStore;
import io.weaver.dbrouting.spring.UseDbRole;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/** Processes uploaded documents in the background, on the worker pool. */
@Component
public class DocumentProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentProcessor.class);

  private final DocumentStore store;

  public DocumentProcessor(DocumentStore store) {
    this.store = store;
  }

  @Async
  @UseDbRole(DbRole.WORKER)
  public void process(long id) {
    try {
      int chunks = store.process(id);
      LOG.info("document {}: {} chunks written", id, chunks);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("document {} failed: {}", id, e.getMessage());
      try {
        store.markFailed(id);
      } catch (SQLException again) {
        LOG.warn("document {} could not be marked failed: {}", id, again.getMessage());
      }
    }
  }
}
