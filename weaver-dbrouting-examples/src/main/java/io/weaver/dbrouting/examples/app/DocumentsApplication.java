package io.weaver.dbrouting.examples.app;

import io.weaver.dbrouting.examples.LocalDatabase;
import io.weaver.dbrouting.examples.documents.DocumentStore;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * A document service on weaver-dbrouting-spring with no configuration beyond the environment variables: uploads and
 * reads on the API role, processing on the worker role through {@code @Async}.
 */
@SpringBootApplication
@EnableAsync
public class DocumentsApplication {

  public static void main(String[] args) throws Exception {
    Map<String, String> environment = LocalDatabase.startForProcess(System.out);
    for (String name : new String[] {"DATABASE_URL", "WORKER_DATABASE_URL", "WORKER_DATABASE_POOL_MODE",
        "DATABASE_POOL_SIZE", "DATABASE_MAX_OVERFLOW", "DATABASE_CLIENT_LIMIT"}) {
      String value = environment.get(name);
      if (value != null && System.getenv(name) == null) {
        System.setProperty(name, value); // Spring reads system properties like environment variables
      }
    }
    SpringApplication.run(DocumentsApplication.class, args);
  }

  @Bean
  DocumentStore documentStore(DataSource dataSource) {
    return new DocumentStore(dataSource);
  }
}
