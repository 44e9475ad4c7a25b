package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleAwareDataSource;
import io.weaver.dbrouting.RolePlan;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Adds each role's plan (mode and why, endpoint, sizes, fallback) to the info endpoint, with no secret. */
final class DbRoutingInfoContributor implements InfoContributor {
  private final RoleAwareDataSource dataSource;

  DbRoutingInfoContributor(RoleAwareDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> roles = new LinkedHashMap<>();
    for (DbRole role : DbRole.values()) {
      RolePlan plan = dataSource.plan(role);
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("pool", plan.poolName());
      details.put("mode", plan.mode());
      details.put("modeReason", plan.modeReason());
      details.put("endpoint", plan.endpoint());
      details.put("fellBack", plan.fellBack());
      details.put("minimumIdle", plan.minimumIdle());
      details.put("maximumPoolSize", plan.maximumPoolSize());
      details.put("serverPreparedStatements", plan.serverPreparedStatements());
      details.put("applicationName", plan.applicationName());
      roles.put(role.name().toLowerCase(Locale.ROOT), details);
    }
    builder.withDetail("dbrouting", roles);
  }
}
