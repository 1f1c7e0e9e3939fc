package io.agreement.api.docs;

import io.agreement.api.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description at /v3/api-docs, made true for every controller at once: the
 * authenticated {@link Caller} is no parameter, schemas are named as the API serializes them, ids
 * are bounded integers, every error is a documented ProblemDetail and every path appears once.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  static final String TOKEN = "Token";
  static final String BEARER = "Bearer";
  static final String API_KEY = "ApiKey";

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI apiDescription(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    return new OpenAPI()
        .info(
            new Info()
                .title("Agreement backfill API")
                .version(properties == null ? "development" : properties.getVersion())
                .description(
                    "Triggers, watches and cancels agreement backfills and serves per-tag"
                        + " agreement results, with Label Studio Enterprise's paths and shapes."
                        + " Every error is an RFC 9457 problem whose detail says what to change."))
        .components(
            new Components()
                .addSchemas(ErrorResponses.SCHEMA, ErrorResponses.schema())
                .addSecuritySchemes(TOKEN, token())
                .addSecuritySchemes(BEARER, bearer())
                .addSecuritySchemes(API_KEY, apiKey()))
        .addSecurityItem(new SecurityRequirement().addList(TOKEN))
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY));
  }

  @Bean
  SnakeCaseModels snakeCaseModels(JsonMapper json) {
    return SnakeCaseModels.of(json);
  }

  @Bean
  OperationCustomizer errorResponses() {
    return new ErrorResponses();
  }

  @Bean
  ParameterCustomizer idParameters() {
    return new IdParameters();
  }

  @Bean
  OpenApiCustomizer trailingSlashTwins() {
    return new TrailingSlashTwins();
  }

  private static SecurityScheme token() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name("Authorization")
        .description(
            "Label Studio's API key: the value is 'Token <key>' (the key from Account & Settings,"
                + " or the one `generate` printed)");
  }

  private static SecurityScheme bearer() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.HTTP)
        .scheme("bearer")
        .bearerFormat("JWT")
        .description("A Label Studio access token (JWT): 'Authorization: Bearer <jwt>'");
  }

  private static SecurityScheme apiKey() {
    return new SecurityScheme()
        .type(SecurityScheme.Type.APIKEY)
        .in(SecurityScheme.In.HEADER)
        .name("X-API-Key")
        .description("The same API key in a header of its own: 'X-API-Key: <key>'");
  }
}
