package io.weaver.dbrouting.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.weaver.dbrouting.examples.app.DocumentController;
import io.weaver.dbrouting.examples.app.DocumentsApplication;
import io.weaver.dbrouting.test.PoolerStackTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Spring Boot document service over HTTP, against the real PostgreSQL and PgBouncers; @PoolerStackTest gives the
 * application its database URLs and checks after each test that the worker left no session state on the pooler.
 */
@PoolerStackTest
@SpringBootTest(classes = DocumentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"DATABASE_POOL_SIZE=2", "DATABASE_MAX_OVERFLOW=3"})
class DocumentsApplicationIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}") int port;

  @Test
  void uploadIsAcceptedAndProcessedInTheBackground() throws Exception {
    HttpResponse<String> created = send("POST", "/documents", "A title\n" + "word ".repeat(400));

    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(created.body()).matches("\\{\"id\":\\d+,\"status\":\"pending\"\\}");
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/documents/"));
    Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
    assertThat(id.find()).as(created.body()).isTrue();

    String document = "";
    for (int i = 0; i < 100 && !document.contains("\"status\":\"done\""); i++) {
      Thread.sleep(50);
      document = send("GET", "/documents/" + id.group(1), null).body();
    }
    assertThat(document).contains("\"status\":\"done\"").contains("\"title\":\"A title\"").containsPattern("\"chunks\":1\\d");
    assertThat(send("GET", "/documents", null).body()).contains("\"id\":" + id.group(1));
  }

  @Test
  void unknownDocumentIs404WithAJsonError() throws Exception {
    HttpResponse<String> missing = send("GET", "/documents/987654", null);

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"status\":404,\"error\":\"no document 987654\"}");
  }

  @Test
  void emptyDocumentIs400WithAJsonError() throws Exception {
    HttpResponse<String> empty = send("POST", "/documents", "   ");

    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(empty.body()).contains("\"error\":\"the document is empty");
  }

  @Test
  void oversizedDocumentIs400WithAJsonError() throws Exception {
    HttpResponse<String> large = send("POST", "/documents", "x".repeat(DocumentController.MAX_CHARS + 1));

    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(large.body()).contains("the limit is " + DocumentController.MAX_CHARS);
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "text/plain");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
