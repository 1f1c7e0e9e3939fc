package io.agreement.api.docs;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springframework.core.MethodParameter;

/**
 * Parameter types the controllers read as text to answer typos with a detail of their own: integer
 * path variables and query parameters named {@code *_id} are database ids (1 to 2147483647), {@code
 * page} and {@code page_size} whole numbers; a schema declared with {@code @Parameter} wins.
 */
final class IdParameters implements ParameterCustomizer {

  static final long MAX_ID = Integer.MAX_VALUE;
  static final long MAX_PAGE = 1_000_000;

  @Override
  public Parameter customize(Parameter parameter, MethodParameter method) {
    if (parameter == null || declaresSchema(method)) {
      return parameter;
    }
    String name = parameter.getName();
    Class<?> type = method.getParameterType();
    boolean integral =
        type == long.class || type == int.class || type == Long.class || type == Integer.class;
    if ("path".equals(parameter.getIn()) && (integral || name.endsWith("Id"))) {
      parameter.schema(range(1, MAX_ID, "int64"));
    } else if ("query".equals(parameter.getIn()) && (name.endsWith("_id") || name.equals("id"))) {
      parameter.schema(range(1, MAX_ID, "int64"));
    } else if ("query".equals(parameter.getIn()) && name.equals("page")) {
      parameter.schema(range(1, MAX_PAGE, "int32")).description("Page number, from 1");
    } else if ("query".equals(parameter.getIn()) && name.equals("page_size")) {
      parameter
          .schema(range(1, MAX_ID, "int32").example(50))
          .description("Results per page (default 50); above 500 is capped at 500");
    }
    return parameter;
  }

  private static Schema<?> range(long min, long max, String format) {
    return new IntegerSchema()
        .format(format)
        .minimum(BigDecimal.valueOf(min))
        .maximum(BigDecimal.valueOf(max));
  }

  private static boolean declaresSchema(MethodParameter method) {
    io.swagger.v3.oas.annotations.Parameter declared =
        method.getParameterAnnotation(io.swagger.v3.oas.annotations.Parameter.class);
    return declared != null && !declared.schema().type().isEmpty();
  }
}
