package io.weaver.dbrouting.test.internal;

import java.util.Properties;

/** The pgjdbc settings of the leak check's own clients: they must leave nothing on a server connection. */
final class LeakCheckClient {

  static final String APPLICATION_NAME = "weaver-dbrouting-test leak check";

  private LeakCheckClient() {
  }

  static Properties properties(String socketTimeoutSeconds) {
    Properties properties = new Properties();
    properties.setProperty("prepareThreshold", "0"); // never a named statement
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("socketTimeout", socketTimeoutSeconds); // a busy pooler answers an error, not a hang
    properties.setProperty("connectTimeout", socketTimeoutSeconds);
    return properties;
  }
}
