/**
 * Role-aware PostgreSQL connection pools for services behind a session- and a transaction-mode pooler: {@link
 * io.weaver.dbrouting.RoleAwareDataSource} (start here), the roles and modes it routes by, the settings catalogue, the
 * plan it decided and the doctor that checks endpoints.
 */
@NullMarked
package io.weaver.dbrouting;

import org.jspecify.annotations.NullMarked;
