package org.platewatch.server.support;

import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The test servers hash passwords with bcrypt at its lowest cost (4), not the product's 10. Every member a test
 * creates costs three hashes and every sign-in and re-authenticated write one more, and at cost 10 those were 83% of
 * the test JVM's CPU (JFR, docs/architecture.md, "Test suite time"). The server code is the same, the stored hash the
 * same format ({@code {bcrypt}$2a$04$...}) and checked the same way; only the work factor differs, and
 * {@code PasswordConfigurationTest} holds the product's to 10.
 */
public final class TestPasswordHashing implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** bcrypt's minimum cost factor: 2^4 rounds, 64 times fewer than the product's 2^10. */
    public static final int COST = 4;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof PasswordEncoder ? encoder() : bean;
            }
        });
    }

    /** The product's encoder (bcrypt by default, under its {id} prefix) at {@link #COST}. */
    public static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(COST)));
    }
}
