package dev.backprop.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backprop.domain.DomainException;
import dev.backprop.domain.FieldError;
import dev.backprop.engine.RowArrays;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.ProblemTypes;
import dev.backprop.web.Problems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DatasetParserTest {

  static final LimitsProperties LIMITS = limits(DataSize.ofMegabytes(64), 1_000_000, 1000);
  static final JsonMapper JSON = JsonMapper.builder().build();

  static LimitsProperties limits(DataSize size, int rows, int columns) {
    return new LimitsProperties(
        DataSize.ofMegabytes(16), size, rows, columns, 32, 4096, 5_000_000, 100_000, 10_000, 1000);
  }

  static ParsedDataset csv(String text) {
    return csv(text, null, LIMITS);
  }

  static ParsedDataset csv(String text, String target, LimitsProperties limits) {
    return DatasetParser.parseCsv(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), target, limits);
  }

  static float[][] features(ParsedDataset data) {
    return RowArrays.of(data.heldFeatures());
  }

  static float[][] targets(ParsedDataset data) {
    return RowArrays.of(data.targets());
  }

  static DomainException problem(ThrowingCallable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(thrown).isInstanceOf(DomainException.class);
    return (DomainException) thrown;
  }

  static void assertInvalid(DomainException ex, String field, String messagePart) {
    assertThat(Problems.of(ex).status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(Problems.of(ex).type()).isEqualTo(ProblemTypes.INVALID_DATASET);
    assertThat(ex.errors()).extracting(FieldError::field).containsExactly(field);
    assertThat(ex.getMessage()).contains(field).contains(messagePart);
  }

  @Test
  void parsesQuotedFieldsCrlfTrimmedCellsAndIgnoresBlankTrailingLines() {
    ParsedDataset data =
        csv(
            "\"a\", \"b,c\" ,label\r\n"
                + " 1.5 ,\"2\",\"x, quoted\"\r\n"
                + "-3,4e2,  plain \r\n"
                + "\r\n"
                + "   \r\n"
                + "\n");
    assertThat(data.featureNames()).containsExactly("a", "b,c");
    assertThat(data.target()).isEqualTo("label");
    assertThat(data.rows()).isEqualTo(2);
    assertThat(features(data)).isDeepEqualTo(new float[][] {{1.5f, 2f}, {-3f, 400f}});
    assertThat(data.targetKind()).isEqualTo(TargetKind.CATEGORICAL);
    assertThat(data.classes()).containsExactly("plain", "x, quoted");
    assertThat(targets(data)).isDeepEqualTo(new float[][] {{1f}, {0f}});
  }

  @Test
  void targetCanBeAnyColumn() {
    ParsedDataset data = csv("y,a,b\n1,2,3\n4,5,6\n", "y", LIMITS);
    assertThat(data.featureNames()).containsExactly("a", "b");
    assertThat(features(data)).isDeepEqualTo(new float[][] {{2, 3}, {5, 6}});
    assertThat(targets(data)).isDeepEqualTo(new float[][] {{1}, {4}});
    assertThat(data.targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(data.classes()).isNull();
  }

  @Test
  void stripsAByteOrderMark() {
    assertThat(csv("\uFEFFa,y\n1,2\n").featureNames()).containsExactly("a");
  }

  @Test
  void irisHasACategoricalTargetWithSortedClasses() throws IOException {
    ParsedDataset iris = file("iris.csv");
    assertThat(iris.rows()).isEqualTo(150);
    assertThat(iris.featureNames())
        .containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width");
    assertThat(iris.targetKind()).isEqualTo(TargetKind.CATEGORICAL);
    assertThat(iris.classes()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(features(iris)[0]).containsExactly(5.1f, 3.5f, 1.4f, 0.2f);
    assertThat(targets(iris)[0]).containsExactly(0f);
    assertThat(targets(iris)[149]).containsExactly(2f);
  }

  @Test
  void wineIntegerTargetIsNumericNotCategorical() throws IOException {
    ParsedDataset wine = file("wine.csv");
    assertThat(wine.rows()).isEqualTo(178);
    assertThat(wine.featureNames()).hasSize(13).contains("od280/od315_of_diluted_wines");
    assertThat(wine.targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(wine.classes()).isNull();
    assertThat(Arrays.stream(targets(wine)).map(t -> t[0]).distinct().sorted())
        .containsExactly(0f, 1f, 2f);
  }

  @Test
  void breastCancerAndDiabetes() throws IOException {
    ParsedDataset cancer = file("breast_cancer.csv");
    assertThat(cancer.rows()).isEqualTo(569);
    assertThat(cancer.featureNames()).hasSize(30);
    assertThat(cancer.classes()).containsExactly("benign", "malignant");
    ParsedDataset diabetes = file("diabetes.csv");
    assertThat(diabetes.rows()).isEqualTo(442);
    assertThat(diabetes.targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(targets(diabetes)[0]).containsExactly(151f);
  }

  @Test
  void oneNonNumberMakesATargetCategorical() {
    ParsedDataset data = csv("a,y\n1,10\n2,2\n3,b\n4,10\n");
    assertThat(data.targetKind()).isEqualTo(TargetKind.CATEGORICAL);
    // Lexicographic order, not numeric: "10" < "2" < "b".
    assertThat(data.classes()).containsExactly("10", "2", "b");
    assertThat(targets(data)).isDeepEqualTo(new float[][] {{0}, {1}, {2}, {0}});
  }

  @Test
  void nonNumericFeatureCellNamesRowAndColumn() {
    DomainException ex = problem(() -> csv("a,b,y\n1,2,x\n3,abc,y\n"));
    assertInvalid(ex, "row 2, column 'b'", "'abc' is not a number");
  }

  @Test
  void javaStyleNumbersAreNotNumbers() {
    assertInvalid(problem(() -> csv("a,y\n1f,1\n")), "row 1, column 'a'", "not a number");
    assertInvalid(problem(() -> csv("a,y\n0x10,1\n")), "row 1, column 'a'", "not a number");
  }

  @Test
  void nonFiniteFeatureCellsAreRefused() {
    assertInvalid(problem(() -> csv("a,b,y\n1,NaN,x\n")), "row 1, column 'b'", "not a finite");
    assertInvalid(
        problem(() -> csv("a,b,y\n1,2,x\n-Infinity,2,x\n")), "row 2, column 'a'", "not a finite");
    assertInvalid(problem(() -> csv("a,y\n1e39,1\n")), "row 1, column 'a'", "float32 range");
    assertInvalid(problem(() -> csv("a,y\n1e400,1\n")), "row 1, column 'a'", "float32 range");
  }

  @Test
  void nonFiniteNumericTargetIsRefused() {
    assertInvalid(problem(() -> csv("a,y\n1,2\n2,nan\n")), "row 2, column 'y'", "not a finite");
  }

  @Test
  void emptyCellsAndRaggedRowsNameTheRow() {
    assertInvalid(problem(() -> csv("a,b,y\n1,,x\n")), "row 1, column 'b'", "is empty");
    assertInvalid(problem(() -> csv("a,b,y\n1,2,\n")), "row 1, column 'y'", "is empty");
    assertInvalid(problem(() -> csv("a,b,y\n1,2,x\n1,2\n")), "row 2", "has 2 cells");
    assertInvalid(problem(() -> csv("a,b,y\n1,2,x\n1,2,3,4\n")), "row 2", "has 4 cells");
  }

  @Test
  void emptyFileHeaderOnlyAndBadHeadersAreRefused() {
    assertInvalid(problem(() -> csv("")), "body", "is empty");
    assertInvalid(problem(() -> csv("\n\n")), "body", "is empty");
    assertInvalid(problem(() -> csv("a,b,y\n")), "body", "no data rows");
    assertInvalid(problem(() -> csv("a,b,a\n1,2,3\n")), "header", "'a' appears more than once");
    assertInvalid(problem(() -> csv("a,,y\n1,2,3\n")), "header", "column 2 has no name");
    assertInvalid(problem(() -> csv("y\n1\n")), "header", "at least two columns");
  }

  @Test
  void unknownTargetIsNamed() {
    assertInvalid(
        problem(() -> csv("a,b\n1,2\n", "species", LIMITS)), "target", "no column 'species'");
  }

  @Test
  void malformedQuotingIsABadRequest() {
    DomainException ex = problem(() -> csv("a,y\n\"1,2\n"));
    assertThat(Problems.of(ex).status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ex.errors()).extracting(FieldError::field).containsExactly("body");
  }

  @Test
  void rowAndColumnLimitsNameTheProperty() {
    DomainException rows =
        problem(() -> csv("a,y\n1,1\n2,2\n3,3\n", null, limits(DataSize.ofKilobytes(1), 2, 10)));
    assertThat(Problems.of(rows).status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(Problems.of(rows).type()).isEqualTo(ProblemTypes.LIMIT_EXCEEDED);
    assertThat(rows.getMessage()).contains("backprop.limits.max-dataset-rows");

    DomainException columns =
        problem(() -> csv("a,b,c,y\n1,2,3,4\n", null, limits(DataSize.ofKilobytes(1), 10, 2)));
    assertThat(Problems.of(columns).status()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(columns.getMessage()).contains("backprop.limits.max-dataset-columns");
  }

  @Test
  void byteLimitIsCountedWhileStreaming() {
    StringBuilder big = new StringBuilder("a,y\n");
    for (int i = 0; i < 1000; i++) {
      big.append(i).append(",1\n");
    }
    DomainException ex =
        problem(() -> csv(big.toString(), null, limits(DataSize.ofBytes(100), 10_000, 10)));
    assertThat(Problems.of(ex).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    assertThat(Problems.of(ex).type()).isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE);
    assertThat(ex.getMessage()).contains("backprop.limits.max-dataset-size");
  }

  @Test
  void byteLimitWinsOverAnyParseErrorItCaused() {
    // Cut off inside a quoted field: the limit, not the broken quote, is what the client hears.
    DomainException ex =
        problem(
            () ->
                csv(
                    "a,y\n1,\"" + "x".repeat(200) + "\"\n",
                    null,
                    limits(DataSize.ofBytes(50), 10, 10)));
    assertThat(Problems.of(ex).status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
  }

  @Test
  void streamsTheBodyInsteadOfReadingItWhole() {
    int[] maxRequested = {0};
    InputStream body =
        new ByteArrayInputStream(
            ("a,y\n" + "1,2\n".repeat(100_000)).getBytes(StandardCharsets.UTF_8)) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            maxRequested[0] = Math.max(maxRequested[0], len);
            return super.read(b, off, len);
          }
        };
    ParsedDataset data = DatasetParser.parseCsv(body, null, LIMITS);
    assertThat(data.rows()).isEqualTo(100_000);
    assertThat(maxRequested[0]).isLessThanOrEqualTo(1 << 16);
  }

  // ------------------------------------------------------------------ JSON

  static List<JsonNode> nodes(String json) {
    return JSON.readValue(json, new tools.jackson.core.type.TypeReference<List<JsonNode>>() {});
  }

  static ParsedDataset json(List<List<Double>> features, String targets) {
    return DatasetArrays.parse(features, nodes(targets), null, null, "", LIMITS);
  }

  @Test
  void jsonNumericStringAndVectorTargets() {
    ParsedDataset numeric = json(List.of(List.of(0.0, 1.0), List.of(1.0, 0.0)), "[0.5, 2]");
    assertThat(numeric.featureNames()).containsExactly("x0", "x1");
    assertThat(numeric.target()).isEqualTo("y");
    assertThat(numeric.targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(targets(numeric)).isDeepEqualTo(new float[][] {{0.5f}, {2f}});

    ParsedDataset labels =
        json(List.of(List.of(1.0), List.of(2.0), List.of(3.0)), "[\"b\", \"a\", \"b\"]");
    assertThat(labels.targetKind()).isEqualTo(TargetKind.CATEGORICAL);
    assertThat(labels.classes()).containsExactly("a", "b");
    assertThat(targets(labels)).isDeepEqualTo(new float[][] {{1}, {0}, {1}});

    ParsedDataset vectors = json(List.of(List.of(1.0), List.of(2.0)), "[[1, 0, 0], [0, 0.5, 1]]");
    assertThat(vectors.targetKind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(vectors.targetWidth()).isEqualTo(3);
    assertThat(vectors.classes()).isNull();
    assertThat(targets(vectors)).isDeepEqualTo(new float[][] {{1, 0, 0}, {0, 0.5f, 1}});
  }

  @Test
  void jsonErrorsNameTheElement() {
    var two = List.of(List.of(1.0, 2.0), List.of(3.0, 4.0));
    assertInvalid(problem(() -> json(List.of(), "[]")), "features", "at least one row");
    assertInvalid(
        problem(() -> json(List.of(List.of(1.0, 2.0), List.of(3.0)), "[1, 2]")),
        "features[1]",
        "has 1 values");
    assertInvalid(
        problem(() -> json(List.of(List.of(1.0, Double.NaN)), "[1]")),
        "features[0][1]",
        "not a finite");
    assertInvalid(
        problem(() -> json(List.of(List.of(1.0, Double.POSITIVE_INFINITY)), "[1]")),
        "features[0][1]",
        "not a finite");
    assertInvalid(problem(() -> json(two, "[1]")), "targets", "has 1 values for 2 rows");
    assertInvalid(problem(() -> json(two, "[1, \"a\"]")), "targets[1]", "must be a number");
    assertInvalid(problem(() -> json(two, "[\"a\", 1]")), "targets[1]", "must be a string");
    assertInvalid(problem(() -> json(two, "[[1, 2], [1]]")), "targets[1]", "has 1 values");
    assertInvalid(problem(() -> json(two, "[[1, 2], [1, \"x\"]]")), "targets[1][1]", "number");
    assertInvalid(
        problem(() -> json(two, "[null, 1]")), "targets[0]", "must be a number, a string");
    assertInvalid(
        problem(() -> json(two, "[true, 1]")), "targets[0]", "must be a number, a string");
  }

  @Test
  void jsonFeatureNamesAreChecked() {
    var one = List.of(List.of(1.0, 2.0));
    assertInvalid(
        problem(() -> DatasetArrays.parse(one, nodes("[1]"), List.of("a"), null, "", LIMITS)),
        "featureNames",
        "1 names for 2");
    assertInvalid(
        problem(() -> DatasetArrays.parse(one, nodes("[1]"), List.of("a", "a"), null, "", LIMITS)),
        "featureNames[1]",
        "more than once");
    assertInvalid(
        problem(() -> DatasetArrays.parse(one, nodes("[1]"), List.of("a", "y"), "y", "", LIMITS)),
        "target",
        "also the name of a feature");
  }

  @Test
  void inlineTrainingDataIsValidatedWithDataPrefixAndLimits() {
    DatasetService service = new DatasetService(null, limits(DataSize.ofMegabytes(1), 3, 2));
    DatasetData data =
        service.fromInline(
            List.of(List.of(0.0, 1.0), List.of(1.0, 1.0)), nodes("[\"no\", \"yes\"]"));
    assertThat(data.info().name()).isNull();
    assertThat(data.info().classes()).containsExactly("no", "yes");
    assertThat(RowArrays.of(data.features())).isDeepEqualTo(new float[][] {{0, 1}, {1, 1}});
    assertThat(RowArrays.of(data.targets())).isDeepEqualTo(new float[][] {{0}, {1}});

    assertInvalid(
        problem(() -> service.fromInline(List.of(List.of(0.0, Double.NaN)), nodes("[1]"))),
        "data.features[0][1]",
        "not a finite");
    DomainException rows =
        problem(
            () ->
                service.fromInline(
                    List.of(List.of(1.0), List.of(1.0), List.of(1.0), List.of(1.0)),
                    nodes("[1, 1, 1, 1]")));
    assertThat(Problems.of(rows).type()).isEqualTo(ProblemTypes.LIMIT_EXCEEDED);
    assertThat(rows.errors()).extracting(FieldError::field).containsExactly("data.features");
    assertThat(rows.getMessage()).contains("backprop.limits.max-dataset-rows");
    assertThatThrownBy(() -> service.fromInline(List.of(List.of(1.0, 2.0, 3.0)), nodes("[1]")))
        .hasMessageContaining("backprop.limits.max-dataset-columns");
  }

  static ParsedDataset file(String name) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("examples", name))) {
      return DatasetParser.parseCsv(in, null, LIMITS);
    }
  }
}
