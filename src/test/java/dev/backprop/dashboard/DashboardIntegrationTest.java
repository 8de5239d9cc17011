package dev.backprop.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port with API keys configured, as a dashboard user meets it. Tests
 * that share this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "backprop.security.admin-keys=" + DashboardIntegrationTest.ADMIN_KEY,
      "backprop.security.predict-keys=" + DashboardIntegrationTest.PREDICT_KEY
    })
@ActiveProfiles("test")
@interface DashboardIntegrationTest {
  String ADMIN_KEY = "dashboard-admin-key-5d1e8c07";
  String PREDICT_KEY = "dashboard-predict-key-93b2fa64";
}
