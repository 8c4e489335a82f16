package org.platewatch.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.platewatch.server.support.TestPasswordHashing;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The product hashes passwords with bcrypt at cost 10. The server tests run at bcrypt's lowest cost
 * ({@link TestPasswordHashing}), so this is where the product's own work factor is held.
 */
class PasswordConfigurationTest {

    @Test
    void theServerHashesWithBcryptAtCostTen() {
        PasswordEncoder product = new PasswordConfiguration().passwordEncoder();
        String hash = product.encode("correct horse battery staple");
        assertThat(hash).startsWith("{bcrypt}$2a$10$");
        assertThat(product.matches("correct horse battery staple", hash)).isTrue();
        assertThat(product.matches("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void theTestServersHashTheSameWayAtTheLowestCost() {
        PasswordEncoder tests = TestPasswordHashing.encoder();
        String hash = tests.encode("correct horse battery staple");
        assertThat(hash).startsWith("{bcrypt}$2a$04$");
        assertThat(new PasswordConfiguration().passwordEncoder().matches("correct horse battery staple", hash))
                .as("the product checks a test hash as it checks its own")
                .isTrue();
    }
}
