package dev.backprop.training;

import dev.backprop.dataset.DatasetData;
import dev.backprop.dataset.DatasetService;
import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.network.Network;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A job's training data. At submit it is checked as far as is cheap: a data set by its description
 * alone, never its rows; inline data, already in memory, completely. The worker loads and encodes
 * it once, when the job runs.
 */
@Component
class JobData {

  private final DatasetService datasets;

  JobData(DatasetService datasets) {
    this.datasets = datasets;
  }

  /**
   * Refuses at once what would only fail later: an unknown data set, rows of the wrong width,
   * targets the output layer cannot learn.
   */
  void check(Network network, JobSettings settings) {
    if (settings.dataset() != null) {
      TargetEncoder.check(datasets.get(settings.dataset()), network.spec(), network.labels());
    } else {
      encodeInline(network, settings);
    }
  }

  /** The job's rows, encoded for the network's output layer. */
  TargetEncoder.Encoded load(Network network, JobSettings settings) {
    if (settings.dataset() == null) {
      return encodeInline(network, settings);
    }
    DatasetData data = datasets.load(settings.dataset());
    return TargetEncoder.encode(data, network.spec(), network.labels());
  }

  private TargetEncoder.Encoded encodeInline(Network network, JobSettings settings) {
    DatasetData data = datasets.fromInline(settings.data().features(), settings.data().targets());
    try {
      return TargetEncoder.encode(data, network.spec(), network.labels());
    } catch (InvalidFieldException e) {
      throw inlined(e);
    }
  }

  /**
   * The encoder names a data set's parts ({@code dataset}, {@code targets}); with inline data the
   * request's fields are {@code data.features} and {@code data.targets}.
   */
  private static InvalidFieldException inlined(InvalidFieldException e) {
    if (e.errors().isEmpty()) {
      return e;
    }
    List<FieldError> errors =
        e.errors().stream()
            .map(
                f ->
                    new FieldError(
                        switch (f.field()) {
                          case "dataset" -> "data.features";
                          case "targets" -> "data.targets";
                          default -> f.field();
                        },
                        f.message()))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return new InvalidFieldException(e.subject(), detail, errors);
  }
}
