package dev.backprop.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service with API keys, a CORS origin and small body limits configured. Tests that share
 * this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "backprop.security.admin-keys=" + SecuredIntegrationTest.ADMIN_KEY + ", second-admin-key",
      "backprop.security.predict-keys=" + SecuredIntegrationTest.PREDICT_KEY,
      "backprop.security.cors.allowed-origins=" + SecuredIntegrationTest.ORIGIN,
      "backprop.limits.max-request-size=64KB",
      // No job may wait: every valid submit meets the queue limit.
      "backprop.limits.max-queued-jobs=0",
      "spring.servlet.multipart.max-file-size=256KB",
      "spring.servlet.multipart.max-request-size=256KB"
    })
@ActiveProfiles("test")
@interface SecuredIntegrationTest {
  String ADMIN_KEY = "admin-key-7f3c9a1e5b2d4f60";
  String PREDICT_KEY = "predict-key-2b8e6d0c4a9f1e37";
  String ORIGIN = "https://ui.example.com";
}
