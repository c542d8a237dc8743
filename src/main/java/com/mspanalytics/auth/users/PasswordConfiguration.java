package com.mspanalytics.auth.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords are hashed by Spring Security's DelegatingPasswordEncoder: bcrypt today, stored with its "{bcrypt}" prefix
 * so that a later default (argon2) can take over while old hashes keep verifying. Also outside the web server: the
 * seed command creates admins.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
