package io.agreement.api.docs;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Schemas of the records the API serializes, as it serializes them. The OpenAPI models are resolved
 * with Jackson 2, which knows nothing of the application's Jackson 3 mapper, so its naming strategy
 * is handed over here; and a record component whose type is {@code @Nullable} (JSpecify) may be
 * {@code null} in the description too, since the API writes nulls out.
 */
final class SnakeCaseModels extends ModelResolver {

  private SnakeCaseModels(ObjectMapper mapper) {
    super(mapper);
  }

  static SnakeCaseModels of(JsonMapper appMapper) {
    ObjectMapper mapper = Json.mapper().copy();
    PropertyNamingStrategy naming = appMapper.serializationConfig().getPropertyNamingStrategy();
    if (naming != null) {
      mapper.setPropertyNamingStrategy(new Translated(naming));
    }
    SnakeCaseModels models = new SnakeCaseModels(mapper);
    models.openapi31(true);
    return models;
  }

  @Override
  public Schema resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Schema resolved = super.resolve(type, context, chain);
    JavaType javaType = _mapper.constructType(type.getType());
    if (resolved != null && javaType.getRawClass().isRecord()) {
      markNullable(javaType, resolved);
      if (resolved.getName() != null
          && context.getDefinedModels().get(resolved.getName()) != null) {
        markNullable(javaType, context.getDefinedModels().get(resolved.getName()));
      }
    }
    return resolved;
  }

  private void markNullable(JavaType javaType, Schema<?> model) {
    Map<String, Schema> properties = model.getProperties();
    if (properties == null) {
      return;
    }
    for (BeanPropertyDefinition property :
        _mapper.getSerializationConfig().introspect(javaType).findProperties()) {
      AnnotatedMember accessor = property.getAccessor();
      Schema<?> schema = properties.get(property.getName());
      if (schema != null
          && accessor != null
          && accessor.getMember() instanceof Method method
          && method.getAnnotatedReturnType().isAnnotationPresent(Nullable.class)) {
        properties.put(property.getName(), orNull(schema));
      }
    }
  }

  private static Schema<?> orNull(Schema<?> schema) {
    if (schema.get$ref() != null) {
      return new JsonSchema()
          .anyOf(
              List.of(new JsonSchema().$ref(schema.get$ref()), new JsonSchema().typesItem("null")));
    }
    if (schema.getTypes() != null) {
      schema.addType("null");
    }
    if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
      List<Object> values = new ArrayList<>(schema.getEnum());
      values.add(null);
      ((Schema<Object>) schema).setEnum(values);
    }
    return schema;
  }

  /**
   * A Jackson 2 strategy that names properties exactly as the application's Jackson 3 one; the
   * naming strategies the application may set only look at the default name.
   */
  private static final class Translated
      extends com.fasterxml.jackson.databind.PropertyNamingStrategy {

    private final PropertyNamingStrategy delegate;

    Translated(PropertyNamingStrategy delegate) {
      this.delegate = delegate;
    }

    @Override
    public String nameForField(MapperConfig<?> config, AnnotatedField field, String defaultName) {
      return delegate.nameForField(null, null, defaultName);
    }

    @Override
    public String nameForGetterMethod(
        MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
      return delegate.nameForGetterMethod(null, null, defaultName);
    }

    @Override
    public String nameForSetterMethod(
        MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
      return delegate.nameForSetterMethod(null, null, defaultName);
    }

    @Override
    public String nameForConstructorParameter(
        MapperConfig<?> config, AnnotatedParameter parameter, String defaultName) {
      return delegate.nameForConstructorParameter(null, null, defaultName);
    }
  }
}
