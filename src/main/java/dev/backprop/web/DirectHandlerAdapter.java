package dev.backprop.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;

/**
 * Calls the handler methods {@link DirectMappings} maps ({@link DirectlyMapped}, each {@code void
 * m(HttpServletRequest, HttpServletResponse)}, writing its own answer) straight, ahead of Spring
 * MVC's adapter. That adapter made, for every request, a web request, a data binder factory, a
 * model factory, a model and view container, an invocable copy of the method and its argument
 * resolution, and set up the async manager, for two arguments it hands over as they are and a
 * return value there is none of. What it would do besides is nothing here: no cache headers are
 * configured, no session attributes, no {@code @ResponseStatus}, no method validation. An exception
 * the method throws goes, as before, to the dispatcher's exception resolvers (the controller
 * advice), which find the handler method as they always did.
 */
@Component
class DirectHandlerAdapter implements HandlerAdapter, Ordered {

  private final DirectMappings mappings;

  DirectHandlerAdapter(DirectMappings mappings) {
    this.mappings = mappings;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public boolean supports(Object handler) {
    return handler instanceof HandlerMethod method && mappings.isDirect(method);
  }

  @Override
  public ModelAndView handle(
      HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
    HandlerMethod handlerMethod = (HandlerMethod) handler;
    Method method = handlerMethod.getMethod();
    try {
      method.invoke(handlerMethod.getBean(), request, response);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
    return null;
  }
}
