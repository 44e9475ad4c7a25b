package io.weaver.dbrouting.spring;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** Enters the {@link UseDbRole} role around a method call. */
final class UseDbRoleInterceptor implements MethodInterceptor {

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    DbRole role = roleOf(invocation);
    if (role == null) {
      return invocation.proceed();
    }
    RoleScope scope = RoleScope.enter(role);
    try {
      return invocation.proceed();
    } finally {
      scope.close();
    }
  }

  private static DbRole roleOf(MethodInvocation invocation) {
    Method method = invocation.getMethod();
    Class<?> targetClass = invocation.getThis() == null ? method.getDeclaringClass()
        : AopUtils.getTargetClass(invocation.getThis());
    Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
    UseDbRole annotation = AnnotatedElementUtils.findMergedAnnotation(specific, UseDbRole.class);
    if (annotation == null) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, UseDbRole.class);
    }
    return annotation == null ? null : annotation.value();
  }
}
