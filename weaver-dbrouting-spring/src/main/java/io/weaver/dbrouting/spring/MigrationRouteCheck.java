package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.PoolMode;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import io.weaver.dbrouting.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Migration tools (Flyway, Liquibase) use the application's DataSource at startup, on the main thread, so they run on
 * the API pool. This check says so once, and warns when that pool is in transaction mode, where Flyway's
 * session-level advisory lock and Liquibase's lock table hold across transactions that the pooler splits.
 */
final class MigrationRouteCheck implements SmartInitializingSingleton {
  /** The category of the start-up decisions, which this one belongs to. */
  private static final Logger LOG = LoggerFactory.getLogger(RoleAwareDataSource.class);

  private final RoleAwareDataSource dataSource;
  private final String tool;

  MigrationRouteCheck(RoleAwareDataSource dataSource, String tool) {
    this.dataSource = dataSource;
    this.tool = tool;
  }

  @Override
  public void afterSingletonsInstantiated() {
    RolePlan api = dataSource.plan(DbRole.API);
    if (api.mode() == PoolMode.TRANSACTION) {
      LOG.warn("{} - {} migrates through this pool, which is in transaction mode ({}); migrations need a session: "
          + "point {} (or {}) at the session-mode endpoint (Supabase port 5432) or a direct connection",
          api.poolName(), tool, api.modeReason(), Setting.URL.variable(DbRole.API), Setting.URL.property(DbRole.API));
    } else {
      LOG.info("{} - {} migrates through this pool ({} mode, {})", api.poolName(), tool, api.mode(),
          api.endpoint());
    }
  }
}
