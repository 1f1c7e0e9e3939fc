package io.agreement.api.docs;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
      describeRecord(javaType, resolved);
      String name =
          resolved.get$ref() != null
              ? resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1)
              : resolved.getName();
      Schema defined = name == null ? null : context.getDefinedModels().get(name);
      if (defined != null && defined != resolved) {
        describeRecord(javaType, defined);
      }
    }
    return resolved;
  }

  /**
   * Every property the record always writes is required; the ones whose type is {@code @Nullable}
   * may be null (also as a map value or list element).
   */
  private void describeRecord(JavaType javaType, Schema<?> model) {
    Map<String, Schema> properties = model.getProperties();
    if (properties == null) {
      return;
    }
    Set<String> required =
        new TreeSet<>(model.getRequired() == null ? List.of() : model.getRequired());
    for (BeanPropertyDefinition property :
        _mapper.getSerializationConfig().introspect(javaType).findProperties()) {
      Schema<?> schema = properties.get(property.getName());
      AnnotatedMember accessor = property.getAccessor();
      if (schema == null || accessor == null || !(accessor.getMember() instanceof Method method)) {
        continue;
      }
      properties.put(
          property.getName(), nullable(method.getAnnotatedReturnType(), booleanEnum(schema)));
      if (alwaysWritten(property, javaType.getRawClass())) {
        required.add(property.getName());
      }
    }
    model.setRequired(required.isEmpty() ? null : List.copyOf(required));
  }

  private static boolean alwaysWritten(BeanPropertyDefinition property, Class<?> record) {
    JsonInclude onRecord = record.getAnnotation(JsonInclude.class);
    JsonInclude.Include inclusion = property.findInclusion().getValueInclusion();
    if (inclusion == JsonInclude.Include.USE_DEFAULTS && onRecord != null) {
      inclusion = onRecord.value();
    }
    return inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS;
  }

  private static Schema<?> nullable(java.lang.reflect.AnnotatedType type, Schema<?> schema) {
    if (type instanceof AnnotatedParameterizedType parameterized
        && parameterized.getType() instanceof ParameterizedType generic
        && generic.getRawType() instanceof Class<?> raw) {
      java.lang.reflect.AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
      if (Map.class.isAssignableFrom(raw)
          && schema.getAdditionalProperties() instanceof Schema<?> values) {
        schema.setAdditionalProperties(nullable(arguments[1], values));
      } else if (Collection.class.isAssignableFrom(raw) && schema.getItems() != null) {
        schema.setItems(nullable(arguments[0], schema.getItems()));
      }
    }
    return type.isAnnotationPresent(Nullable.class) ? orNull(schema) : schema;
  }

  /** swagger-core writes {@code allowableValues} of a Boolean as strings; JSON has booleans. */
  private static Schema<?> booleanEnum(Schema<?> schema) {
    if (schema.getTypes() != null
        && schema.getTypes().contains("boolean")
        && schema.getEnum() != null) {
      ((Schema<Object>) schema)
          .setEnum(
              schema.getEnum().stream().map(v -> (Object) Boolean.valueOf(v.toString())).toList());
    }
    return schema;
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
