/**
 * What the library tells its users: the start-up report, known failures with their fixes, the pooling probe, the
 * first-use pool mode check and the doctor's report.
 */
@NullMarked
package io.weaver.dbrouting.internal.diagnostics;

import org.jspecify.annotations.NullMarked;
