package dev.backprop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Maps the handler methods marked {@link DirectlyMapped} ahead of Spring MVC's request mappings:
 * the generic lookup matches every request against each of the application's mappings (dozens) and
 * sorts the matches, which a one-row infer request paid for on every call.
 *
 * <p>The mapping is the application's own: the same {@link RequestMappingInfo}s (paths, methods,
 * produces), registered in a second {@link RequestMappingHandlerMapping} that holds only them and
 * has the same interceptors and content negotiation. So a match sets what the main one sets (path
 * variables, the best-matching pattern that the {@code http.server.requests} metrics tag as {@code
 * uri}, producible media types); a request it does not match, even in part (another method, an
 * {@code Accept} it cannot produce), goes on to the main mapping, which answers as it always did.
 * That second mapping is not a bean, so the API documentation and the actuator see one mapping of
 * each endpoint.
 */
@Component
class DirectMappings implements HandlerMapping, Ordered, SmartInitializingSingleton {

  private final RequestMappingHandlerMapping main;
  private final Subset subset = new Subset();

  /** The marked methods, for {@link DirectHandlerAdapter}; set once, before any request. */
  private volatile Set<Method> methods = Set.of();

  DirectMappings(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping main,
      ApplicationContext context) {
    this.main = main;
    subset.setApplicationContext(context);
  }

  /** Once every controller is mapped: registers the marked methods again, in the subset. */
  @Override
  public void afterSingletonsInstantiated() {
    subset.setPatternParser(main.getPatternParser());
    subset.setContentNegotiationManager(main.getContentNegotiationManager());
    subset.setInterceptors((Object[]) main.getAdaptedInterceptors());
    Set<Method> marked = new HashSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : main.getHandlerMethods().entrySet()) {
      HandlerMethod method = entry.getValue();
      if (method.hasMethodAnnotation(DirectlyMapped.class)) {
        checkSignature(method.getMethod());
        // Once here, not on every call: the adapter invokes it reflectively.
        ReflectionUtils.makeAccessible(method.getMethod());
        subset.registerMapping(entry.getKey(), method.getBean(), method.getMethod());
        marked.add(method.getMethod());
      }
    }
    methods = Set.copyOf(marked);
  }

  /** Whether the handler is a marked method, which {@link DirectHandlerAdapter} calls. */
  boolean isDirect(HandlerMethod handler) {
    return methods.contains(handler.getMethod());
  }

  /** A marked method takes the request and the response, and writes its answer itself. */
  private static void checkSignature(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    if (method.getReturnType() != void.class
        || parameters.length != 2
        || parameters[0] != HttpServletRequest.class
        || parameters[1] != HttpServletResponse.class) {
      throw new IllegalStateException(
          "@DirectlyMapped " + method + " must be void (HttpServletRequest, HttpServletResponse)");
    }
  }

  /** Ahead of every other mapping: the subset only answers for its own exact mappings. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public boolean usesPathPatterns() {
    return true;
  }

  @Override
  public HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
    return subset.getHandler(request);
  }

  /** The marked methods' mappings; a request that matches none is not its to refuse. */
  private static final class Subset extends RequestMappingHandlerMapping {

    @Override
    protected HandlerMethod handleNoMatch(
        Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request) {
      return null;
    }

    /** Nothing is detected: only what {@link #registerMapping} adds is mapped. */
    @Override
    public void afterPropertiesSet() {}
  }
}
