package io.weaver.dbrouting.spring.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Boot application with JPA (Hibernate) next to JDBC, both on weaver-dbrouting's data source. */
@SpringBootApplication
public class IsolationTestApplication {}
