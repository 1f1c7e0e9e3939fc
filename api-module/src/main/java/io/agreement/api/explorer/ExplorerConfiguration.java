package io.agreement.api.explorer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the explorer's endpoints and serves its static pages: {@code /} and {@code /ui} lead to
 * {@code /ui/}, which is the page in {@code static/ui/index.html}. The pages are public (the
 * sign-in happens in the browser); every number they show comes from /api/**, behind the token.
 */
@Configuration(proxyBeanMethods = false)
class ExplorerConfiguration implements WebMvcConfigurer {

  @Bean
  ExplorerRepository explorerRepository(JdbcClient jdbc) {
    return new ExplorerRepository(jdbc);
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/ui/");
    registry.addRedirectViewController("/ui", "/ui/");
    registry.addViewController("/ui/").setViewName("forward:/ui/index.html");
  }
}
