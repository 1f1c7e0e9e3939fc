package io.agreement.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint produces JSON and reads JSON bodies, decided while the request is mapped: an
 * Accept header that rules JSON out is a 406 and a body of another type a 415 before any handler
 * runs, so a refused request never changes anything. A mapping that declares its own media types
 * keeps them.
 */
@Configuration(proxyBeanMethods = false)
class JsonOnlyMappings implements WebMvcRegistrations {

  private static final String API_PACKAGE = "io.agreement.api";

  @Override
  public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
    return new RequestMappingHandlerMapping() {
      @Override
      protected RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
        RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
        return info == null
                || !handlerType.getPackageName().startsWith(API_PACKAGE)
                || ErrorController.class.isAssignableFrom(handlerType)
            ? info
            : jsonOnly(info, method);
      }

      @Override
      protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
        HandlerMethod handler = super.getHandlerInternal(request);
        if (handler != null
            && handler.getBeanType().getPackageName().startsWith(API_PACKAGE)
            && !ErrorController.class.isAssignableFrom(handler.getBeanType())
            && refusesJson(request.getHeader(HttpHeaders.ACCEPT))) {
          throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON));
        }
        return handler;
      }
    };
  }

  /**
   * Matching ignores quality, so {@code application/json;q=0} would match: the most specific range
   * that covers JSON decides, and quality 0 refuses it (RFC 9110, 12.5.1).
   */
  static boolean refusesJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream()
          .filter(range -> range.includes(MediaType.APPLICATION_JSON))
          .max(Comparator.comparingInt(JsonOnlyMappings::specificity))
          .map(range -> range.getQualityValue() == 0)
          .orElse(false);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static int specificity(MediaType range) {
    return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
  }

  private static RequestMappingInfo jsonOnly(RequestMappingInfo info, Method method) {
    RequestMappingInfo.Builder builder = info.mutate();
    if (info.getProducesCondition().isEmpty()) {
      builder.produces(MediaType.APPLICATION_JSON_VALUE);
    }
    if (info.getConsumesCondition().isEmpty() && readsBody(method)) {
      builder.consumes(MediaType.APPLICATION_JSON_VALUE);
    }
    return builder.build();
  }

  private static boolean readsBody(Method method) {
    return Arrays.stream(method.getParameters())
        .anyMatch(parameter -> parameter.isAnnotationPresent(RequestBody.class));
  }
}
