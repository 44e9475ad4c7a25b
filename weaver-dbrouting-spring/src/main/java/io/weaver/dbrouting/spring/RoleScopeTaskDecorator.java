package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries a role into executor tasks. {@link #propagating()} (the one auto-configured for Boot's task executor) runs
 * each task as the role that was current when it was submitted, so {@code @Async} work started from worker code stays
 * on the worker pool; {@link #as(DbRole)} runs every task as one role.
 */
public final class RoleScopeTaskDecorator implements TaskDecorator {
  /** Null for {@link #propagating()}. */
  private final @Nullable DbRole fixedRole;

  private RoleScopeTaskDecorator(@Nullable DbRole fixedRole) {
    this.fixedRole = fixedRole;
  }

  /** Tasks run as the role current on the submitting thread. */
  public static RoleScopeTaskDecorator propagating() {
    return new RoleScopeTaskDecorator(null);
  }

  /** Tasks run as {@code role}, whoever submits them. */
  public static RoleScopeTaskDecorator as(DbRole role) {
    return new RoleScopeTaskDecorator(Objects.requireNonNull(role, "role"));
  }

  @Override
  public Runnable decorate(Runnable runnable) {
    return RoleScope.wrap(fixedRole != null ? fixedRole : RoleScope.current(), runnable);
  }

  @Override
  public String toString() {
    return "RoleScopeTaskDecorator[" + (fixedRole == null ? "propagating" : fixedRole) + "]";
  }
}
