package io.weaver.dbrouting.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weaver.dbrouting.DbRole;
import io.weaver.dbrouting.RoleScope;
import org.junit.jupiter.api.Test;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;

/** Where {@link UseDbRole} is found, and that the previous role comes back; no database involved. */
class UseDbRoleInterceptorTests {
  private final Advisor advisor = WeaverDbRoutingRolesAutoConfiguration.useDbRoleAdvisor();

  interface Base {
    DbRole role();
  }

  /** Like a Spring Data repository: an annotated interface, answered by an interceptor rather than a target. */
  @UseDbRole(DbRole.WORKER)
  interface WorkerRepository {
    DbRole findRole();
  }

  static class PlainTarget implements Base {
    @Override
    public DbRole role() {
      return RoleScope.current();
    }
  }

  @UseDbRole(DbRole.WORKER)
  static class WorkerService {
    public DbRole role() {
      return RoleScope.current();
    }

    @UseDbRole(DbRole.API)
    public DbRole apiRole() {
      return RoleScope.current();
    }

    public DbRole fail() {
      throw new IllegalStateException("failed as " + RoleScope.current());
    }
  }

  static class SubService extends WorkerService {}

  /** A proxy of {@code target} with the advisor, seen as {@code type}: its class, or {@code interfaces} when given. */
  private <T> T proxy(Class<T> type, Object target, Class<?>... interfaces) {
    ProxyFactory factory = new ProxyFactory(target);
    for (Class<?> extra : interfaces) {
      factory.addInterface(extra);
    }
    factory.setProxyTargetClass(interfaces.length == 0);
    factory.addAdvisor(advisor);
    return type.cast(factory.getProxy());
  }

  @Test
  void classAnnotationAppliesToItsMethods() {
    WorkerService service = proxy(WorkerService.class, new WorkerService());

    assertThat(service.role()).isEqualTo(DbRole.WORKER);
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void methodAnnotationWinsOverTheClass() throws Exception {
    WorkerService service = proxy(WorkerService.class, new WorkerService());

    assertThat(RoleScope.call(DbRole.WORKER, service::apiRole)).isEqualTo(DbRole.API);
  }

  @Test
  void annotationOnASuperclassIsInherited() {
    SubService service = proxy(SubService.class, new SubService());

    assertThat(service.role()).isEqualTo(DbRole.WORKER);
  }

  @Test
  void annotationOnAnInterfaceAppliesToItsMethodsWithoutATarget() {
    ProxyFactory factory = new ProxyFactory();
    factory.addInterface(WorkerRepository.class);
    factory.addAdvisor(advisor);
    factory.addAdvice((MethodInterceptor) invocation -> RoleScope.current());
    WorkerRepository repository = (WorkerRepository) factory.getProxy();

    assertThat(repository.findRole()).isEqualTo(DbRole.WORKER);
  }

  @Test
  void interfaceOfTheTargetCarriesTheRoleToo() {
    Base plain = proxy(Base.class, new PlainTarget(), Base.class);
    Base annotated = proxy(Base.class, new AnnotatedBaseTarget(), Base.class);

    assertThat(plain.role()).isEqualTo(DbRole.API);
    assertThat(annotated.role()).isEqualTo(DbRole.WORKER);
  }

  @UseDbRole(DbRole.WORKER)
  interface AnnotatedBase extends Base {}

  static class AnnotatedBaseTarget extends PlainTarget implements AnnotatedBase {}

  @Test
  void previousRoleIsRestoredWhenTheMethodThrows() {
    WorkerService service = proxy(WorkerService.class, new WorkerService());

    assertThatThrownBy(service::fail).hasMessage("failed as WORKER");
    assertThat(RoleScope.current()).isEqualTo(DbRole.API);
  }

  @Test
  void decoratorsRunTasksAsTheSubmittingRoleOrAFixedOne() throws Exception {
    DbRole[] seen = new DbRole[2];
    Runnable propagated = RoleScope.call(DbRole.WORKER,
        () -> RoleScopeTaskDecorator.propagating().decorate(() -> seen[0] = RoleScope.current()));
    Runnable fixed = RoleScopeTaskDecorator.as(DbRole.WORKER).decorate(() -> seen[1] = RoleScope.current());

    Thread thread = new Thread(() -> {
      propagated.run();
      fixed.run();
    });
    thread.start();
    thread.join();

    assertThat(seen).containsExactly(DbRole.WORKER, DbRole.WORKER);
  }
}
