package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Enters the {@link UseDbRole} role around a method call. The role is looked up once per method and target class: the
 * method (its most specific version, then the one called, which may be an interface's), then the target class, then
 * the declaring class, the target's interfaces and the proxy's, so an annotated interface works also when the target
 * does not implement it (Spring Data repositories).
 */
final class UseDbRoleInterceptor implements MethodInterceptor {
  private record Key(Method method, @Nullable Class<?> targetClass, @Nullable Class<?> proxyClass) {}

  private final Map<Key, Optional<DbRole>> roles = new ConcurrentHashMap<>();

  @Override
  public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
    Class<?> targetClass = invocation.getThis() == null ? null : AopUtils.getTargetClass(invocation.getThis());
    Class<?> proxyClass = invocation instanceof ProxyMethodInvocation proxied ? proxied.getProxy().getClass() : null;
    Optional<DbRole> role = roles.computeIfAbsent(new Key(invocation.getMethod(), targetClass, proxyClass),
        key -> Optional.ofNullable(find(key.method(), key.targetClass(), key.proxyClass())));
    if (role.isEmpty()) {
      return invocation.proceed();
    }
    RoleScope scope = RoleScope.enter(role.get());
    try {
      return invocation.proceed();
    } finally {
      scope.close();
    }
  }

  /** The role for calls of {@code method}, or {@code null} when none is declared. */
  static @Nullable DbRole find(Method method, @Nullable Class<?> targetClass, @Nullable Class<?> proxyClass) {
    Method specific = targetClass == null ? method : AopUtils.getMostSpecificMethod(method, targetClass);
    UseDbRole annotation = AnnotatedElementUtils.findMergedAnnotation(specific, UseDbRole.class);
    if (annotation == null && !specific.equals(method)) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(method, UseDbRole.class);
    }
    if (annotation == null && targetClass != null) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, UseDbRole.class);
    }
    if (annotation == null) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), UseDbRole.class);
    }
    for (Class<?> owner : new Class<?>[] {targetClass, proxyClass}) {
      if (annotation == null && owner != null) {
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(owner)) {
          annotation = AnnotatedElementUtils.findMergedAnnotation(type, UseDbRole.class);
          if (annotation != null) {
            break;
          }
        }
      }
    }
    return annotation == null ? null : annotation.value();
  }
}
