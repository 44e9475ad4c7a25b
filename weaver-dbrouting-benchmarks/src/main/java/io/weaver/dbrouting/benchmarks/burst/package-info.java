/**
 * The burst benchmark: worker and API processes on a real PostgreSQL behind a session- and a transaction-mode
 * PgBouncer, a burst of uploaded documents processed in short transactions, compared across pool setups in one run.
 * {@link io.weaver.dbrouting.benchmarks.burst.BurstBenchmark} runs it and writes the report.
 */
@NullMarked
package io.weaver.dbrouting.benchmarks.burst;

import org.jspecify.annotations.NullMarked;
