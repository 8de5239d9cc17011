package dev.backprop.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.backprop.dataset.CompactColumns;
import dev.backprop.dataset.DatasetData;
import dev.backprop.dataset.DatasetInfo;
import dev.backprop.dataset.DatasetService;
import dev.backprop.dataset.TargetKind;
import dev.backprop.domain.FieldError;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.engine.Activation;
import dev.backprop.engine.LayerSpec;
import dev.backprop.engine.Loss;
import dev.backprop.engine.NetworkSpec;
import dev.backprop.engine.RowArrays;
import dev.backprop.network.LayerDefinition;
import dev.backprop.network.Network;
import dev.backprop.network.NetworkDefinition;
import dev.backprop.training.TrainingJobRequest.InlineData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A job's data: checked at submit without reading a data set's rows, loaded once by the worker. */
class JobDataTest {

  static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");

  final DatasetService datasets = mock(DatasetService.class);
  final JobData data = new JobData(datasets);

  /** A 2-input network whose output layer has {@code outputs} units. */
  static Network network(int outputs, List<String> labels) {
    Activation output = outputs == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
    Loss loss = outputs == 1 ? Loss.BINARY_CROSS_ENTROPY : Loss.CROSS_ENTROPY;
    NetworkDefinition definition =
        new NetworkDefinition(
            "net",
            2,
            null,
            List.of(new LayerDefinition(outputs, outputs == 1 ? "sigmoid" : "softmax")),
            outputs == 1 ? "binary_cross_entropy" : "cross_entropy",
            null,
            1L,
            labels);
    NetworkSpec spec = new NetworkSpec(2, List.of(new LayerSpec(outputs, output)), loss, null, 1L);
    return new Network(definition, spec, Instant.EPOCH);
  }

  static DatasetInfo info(int columns, TargetKind kind, List<String> classes, int targetWidth) {
    List<String> features = columns == 2 ? List.of("a", "b") : List.of("a", "b", "c");
    return new DatasetInfo("d", 2, features, "y", kind, classes, targetWidth, Instant.EPOCH, 0);
  }

  static JobSettings settings(String dataset, InlineData inline) {
    return new JobSettings(
        dataset, inline, 1, 1, 0.1, "sgd", 0.9, 0, 0, false, 1, false, null, null, null, null);
  }

  static void assertRefused(Executable check, String field) {
    assertThatThrownBy(check::execute)
        .as(field)
        .isInstanceOfSatisfying(
            InvalidFieldException.class,
            e -> {
              assertThat(e.subject()).isEqualTo(InvalidFieldException.Subject.DATASET);
              assertThat(e.errors()).extracting(FieldError::field).containsExactly(field);
            });
  }

  @Test
  void aDataSetThatFitsIsAcceptedByItsDescriptionAlone() {
    given(datasets.get("d")).willReturn(info(2, TargetKind.CATEGORICAL, IRIS, 1));
    data.check(network(3, null), settings("d", null));
    data.check(network(3, List.of("virginica", "setosa", "versicolor")), settings("d", null));
    given(datasets.get("n")).willReturn(info(2, TargetKind.NUMERIC, null, 1));
    data.check(network(3, null), settings("n", null));
    verify(datasets, never()).load(any());
  }

  @Test
  void aDataSetThatCannotFitIsRefusedWithoutReadingItsRows() {
    given(datasets.get("wide")).willReturn(info(3, TargetKind.CATEGORICAL, IRIS, 1));
    assertRefused(() -> data.check(network(3, null), settings("wide", null)), "dataset");
    given(datasets.get("iris")).willReturn(info(2, TargetKind.CATEGORICAL, IRIS, 1));
    assertRefused(() -> data.check(network(2, null), settings("iris", null)), "targets");
    assertRefused(
        () -> data.check(network(3, List.of("red", "green", "blue")), settings("iris", null)),
        "targets");
    given(datasets.get("vectors")).willReturn(info(2, TargetKind.NUMERIC, null, 2));
    assertRefused(() -> data.check(network(3, null), settings("vectors", null)), "targets");
    assertRefused(() -> data.check(network(1, null), settings("vectors", null)), "targets");
    verify(datasets, never()).load(any());
  }

  @Test
  void whatOnlyTheRowsTellIsFoundWhenTheWorkerEncodesThem() {
    given(datasets.get("n")).willReturn(info(2, TargetKind.NUMERIC, null, 1));
    given(datasets.load("n"))
        .willReturn(
            new DatasetData(
                info(2, TargetKind.NUMERIC, null, 1),
                CompactColumns.of(new float[][] {{0, 0}, {1, 1}}),
                CompactColumns.of(new float[][] {{0}, {7}})));
    data.check(network(3, null), settings("n", null));
    assertRefused(() -> data.load(network(3, null), settings("n", null)), "targets");
  }

  @Test
  void theWorkerLoadsAndEncodesTheDataSetOnce() {
    given(datasets.load("iris"))
        .willReturn(
            new DatasetData(
                info(2, TargetKind.CATEGORICAL, IRIS, 1),
                CompactColumns.of(new float[][] {{0, 0}, {1, 1}}),
                CompactColumns.of(new float[][] {{2}, {0}})));
    TargetEncoder.Encoded encoded = data.load(network(3, null), settings("iris", null));
    verify(datasets, times(1)).load("iris");
    verify(datasets, never()).get(any());
    assertThat(encoded.labels()).isEqualTo(IRIS);
    assertThat(RowArrays.of(encoded.data().targets()))
        .isDeepEqualTo(new float[][] {{0, 0, 1}, {1, 0, 0}});
    assertThat(RowArrays.of(encoded.data().features()))
        .isDeepEqualTo(new float[][] {{0, 0}, {1, 1}});
  }

  @Test
  void inlineDataIsCheckedCompletelyAndNamedAsTheRequestNamesIt() {
    InlineData inline = new InlineData(List.of(), List.of());
    given(datasets.fromInline(inline.features(), inline.targets()))
        .willReturn(
            new DatasetData(
                new DatasetInfo(
                    null, 2, List.of("x0", "x1"), "y", TargetKind.NUMERIC, null, 1, null, 0),
                CompactColumns.of(new float[][] {{0, 0}, {1, 1}}),
                CompactColumns.of(new float[][] {{0}, {7}})));
    assertRefused(() -> data.check(network(3, null), settings(null, inline)), "data.targets");
    assertThatThrownBy(() -> data.check(network(3, null), settings(null, inline)))
        .hasMessageStartingWith("data.targets: row 2");
    assertRefused(() -> data.load(network(3, null), settings(null, inline)), "data.targets");
    given(datasets.fromInline(inline.features(), inline.targets()))
        .willReturn(
            new DatasetData(
                new DatasetInfo(
                    null, 1, List.of("x0", "x1", "x2"), "y", TargetKind.NUMERIC, null, 1, null, 0),
                CompactColumns.of(new float[][] {{0, 0, 0}}),
                CompactColumns.of(new float[][] {{1}})));
    assertRefused(() -> data.check(network(3, null), settings(null, inline)), "data.features");
    verify(datasets, never()).get(any());
    verify(datasets, never()).load(any());
  }
}
