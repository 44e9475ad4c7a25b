package io.weaver.dbrouting.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;

/** A plain Boot application: weaver-dbrouting-spring on the class path and nothing else configured. */
@SpringBootApplication
@EnableAsync
public class RoutingTestApplication {}
