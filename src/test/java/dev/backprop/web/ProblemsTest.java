package dev.backprop.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.DomainException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.LimitExceededException.Limit;
import dev.backprop.domain.NotFoundException;
import dev.backprop.domain.NotReadyException;
import dev.backprop.web.Problems.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class ProblemsTest {

  /** One of each domain exception, each subject and each limit. */
  static List<DomainException> everyKind() {
    List<DomainException> all = new ArrayList<>();
    all.add(new NotFoundException("network 'iris'"));
    all.add(new ConflictException("a network named 'iris' already exists"));
    for (Subject subject : Subject.values()) {
      all.add(new InvalidFieldException(subject, "units", "must be positive"));
    }
    for (Limit limit : Limit.values()) {
      all.add(new LimitExceededException(limit, null, "over the limit"));
    }
    all.add(new NotReadyException("the queue is full", Duration.ofSeconds(1)));
    return all;
  }

  @Test
  void mapsEachDomainExceptionToItsStatusTypeAndTitle() {
    assertThat(Problems.of(new NotFoundException("network 'iris'")))
        .isEqualTo(new Problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found"));
    assertThat(Problems.of(new ConflictException("taken")))
        .isEqualTo(new Problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict"));
    assertThat(Problems.of(new NotReadyException("full", null)))
        .isEqualTo(
            new Problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.SERVICE_UNAVAILABLE,
                "Service unavailable"));

    Map<Subject, URI> invalid =
        Map.of(
            Subject.REQUEST, ProblemTypes.VALIDATION_FAILED,
            Subject.NETWORK, ProblemTypes.INVALID_NETWORK,
            Subject.DATASET, ProblemTypes.INVALID_DATASET,
            Subject.INPUT, ProblemTypes.INVALID_INPUT);
    assertThat(invalid).containsOnlyKeys(Subject.values());
    invalid.forEach(
        (subject, type) ->
            assertThat(Problems.of(new InvalidFieldException(subject, "f", "m")))
                .isEqualTo(new Problem(HttpStatus.BAD_REQUEST, type, "Invalid request")));

    assertThat(Problems.of(new LimitExceededException(Limit.VALUE, "epochs", "m")))
        .isEqualTo(
            new Problem(HttpStatus.BAD_REQUEST, ProblemTypes.LIMIT_EXCEEDED, "Limit exceeded"));
    assertThat(Problems.of(new LimitExceededException(Limit.SIZE, null, "m")))
        .isEqualTo(
            new Problem(
                HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Limit exceeded"));
    assertThat(Problems.of(new LimitExceededException(Limit.QUEUE, null, "m")))
        .isEqualTo(
            new Problem(
                HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.LIMIT_EXCEEDED, "Limit exceeded"));
  }

  /**
   * A type names one kind of failure, so it comes with one status; the only type shared by two
   * statuses is {@code limit-exceeded}, 400 for a value that never fits and 429 for a queue that
   * will drain. A type the bare-status table knows agrees with that table.
   */
  @Test
  void aTypeAlwaysAgreesWithItsStatus() {
    Map<URI, Set<Integer>> statusesByType = new HashMap<>();
    for (DomainException ex : everyKind()) {
      Problem problem = Problems.of(ex);
      assertThat(problem.type().toString()).startsWith(ProblemTypes.BASE);
      assertThat(problem.status().isError()).isTrue();
      assertThat(problem.title()).isNotBlank();
      statusesByType
          .computeIfAbsent(problem.type(), t -> new java.util.TreeSet<>())
          .add(problem.status().value());
      URI general = Problems.typeOf(problem.status().value());
      if (!general.equals(ProblemTypes.MALFORMED_REQUEST)) {
        // every status the bare-status table names (not the generic 400) types the same way
        assertThat(problem.type()).as(ex.getClass().getSimpleName()).isEqualTo(general);
      }
    }
    statusesByType.forEach(
        (type, statuses) -> {
          if (type.equals(ProblemTypes.LIMIT_EXCEEDED)) {
            assertThat(statuses).containsExactly(400, 429);
          } else {
            assertThat(statuses).as(type.toString()).hasSize(1);
          }
        });
  }

  @Test
  void bareStatusesHaveOneTypeEach() {
    assertThat(Problems.typeOf(400)).isEqualTo(ProblemTypes.MALFORMED_REQUEST);
    assertThat(Problems.typeOf(401)).isEqualTo(ProblemTypes.UNAUTHORIZED);
    assertThat(Problems.typeOf(403)).isEqualTo(ProblemTypes.FORBIDDEN);
    assertThat(Problems.typeOf(404)).isEqualTo(ProblemTypes.NOT_FOUND);
    assertThat(Problems.typeOf(405)).isEqualTo(ProblemTypes.METHOD_NOT_ALLOWED);
    assertThat(Problems.typeOf(406)).isEqualTo(ProblemTypes.NOT_ACCEPTABLE);
    assertThat(Problems.typeOf(409)).isEqualTo(ProblemTypes.CONFLICT);
    assertThat(Problems.typeOf(413)).isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE);
    assertThat(Problems.typeOf(415)).isEqualTo(ProblemTypes.UNSUPPORTED_MEDIA_TYPE);
    assertThat(Problems.typeOf(503)).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
    // what the table does not name: a server fault or a refused request
    assertThat(Problems.typeOf(500)).isEqualTo(ProblemTypes.INTERNAL_ERROR);
    assertThat(Problems.typeOf(502)).isEqualTo(ProblemTypes.INTERNAL_ERROR);
    assertThat(Problems.typeOf(414)).isEqualTo(ProblemTypes.MALFORMED_REQUEST);
    assertThat(Problems.ofStatus(HttpStatus.METHOD_NOT_ALLOWED))
        .isEqualTo(
            new Problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                ProblemTypes.METHOD_NOT_ALLOWED,
                "Method Not Allowed"));
  }

  @Test
  void aFailedJobIsUnprocessable() {
    assertThat(Problems.failedJobStatus()).isEqualTo(422);
  }

  @Test
  void retryAfterIsSentInWholeSecondsOnlyWhenKnown() {
    assertThat(
            ErrorResponses.headers(new NotReadyException("full", Duration.ofSeconds(2)))
                .getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("2");
    assertThat(
            ErrorResponses.headers(new NotReadyException("full", Duration.ofMillis(1500)))
                .getFirst(HttpHeaders.RETRY_AFTER))
        .isEqualTo("2");
    assertThat(ErrorResponses.headers(new NotReadyException("not ready", null)).isEmpty()).isTrue();
    assertThat(ErrorResponses.headers(new NotFoundException("x")).isEmpty()).isTrue();
  }

  @Test
  void anUnknownDomainExceptionIsAFaultOfTheTableNotOfTheClient() {
    assertThatIllegalArgumentException().isThrownBy(() -> Problems.of(new Unmapped()));
  }

  /** A domain exception added without a row in the table. */
  static final class Unmapped extends DomainException {
    private static final long serialVersionUID = 1L;

    Unmapped() {
      super("?", List.of());
    }
  }
}
