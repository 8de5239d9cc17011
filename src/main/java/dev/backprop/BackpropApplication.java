package dev.backprop;

import dev.backprop.engine.BlasCore;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point of the Backprop service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BackpropApplication {

  public static void main(String[] args) {
    BlasCore.prepare(); // sets the process's environment: first, while few threads run
    NativeLibraries.useReadOnlyCache();
    SpringApplication.run(BackpropApplication.class, args);
  }

  /** The one clock of the service, so that tests can fix time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
