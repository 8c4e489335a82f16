package org.platewatch.server.platform;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link ClientAddressFilter} ahead of every other filter, Spring's request context included. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetworkProperties.class)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class ClientAddressConfiguration {

    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(NetworkProperties network) {
        FilterRegistrationBean<ClientAddressFilter> registration =
                new FilterRegistrationBean<>(new ClientAddressFilter(network.proxyRanges()));
        // Before the request context filter (-105), whose request the audit log reads, and Spring Security (-100).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
