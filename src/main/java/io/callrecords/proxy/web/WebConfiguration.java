package io.callrecords.proxy.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Swagger UI of the contract answers at {@code /docs} and {@code /docs/} too.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/docs", "/docs/index.html");
		registry.addRedirectViewController("/docs/", "/docs/index.html");
	}

}
