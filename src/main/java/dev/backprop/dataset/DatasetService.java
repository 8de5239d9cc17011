package dev.backprop.dataset;

import dev.backprop.domain.ConflictException;
import dev.backprop.domain.InvalidFieldException;
import dev.backprop.domain.InvalidFieldException.Subject;
import dev.backprop.domain.LimitExceededException;
import dev.backprop.domain.NotFoundException;
import dev.backprop.web.LimitsProperties;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Data sets: upload (CSV or JSON), list, get, delete, and loading their values for training.
 *
 * <p>A CSV upload's features are stored block by block as they are parsed, the rest once all is
 * validated; until then the data set is invisible, and a bad upload deletes what it stored, so it
 * leaves nothing behind.
 */
@Service
public class DatasetService {

  private final DatasetRepository repository;
  private final LimitsProperties limits;
  private final Clock clock;

  /** Looked up when needed: the features that implement it use this service themselves. */
  private final Supplier<List<DatasetDependents>> dependents;

  @Autowired
  DatasetService(
      DatasetRepository repository,
      LimitsProperties limits,
      ObjectProvider<DatasetDependents> dependents) {
    this(repository, limits, Clock.systemUTC(), () -> dependents.orderedStream().toList());
  }

  DatasetService(DatasetRepository repository, LimitsProperties limits) {
    this(repository, limits, Clock.systemUTC(), List::of);
  }

  DatasetService(
      DatasetRepository repository,
      LimitsProperties limits,
      Clock clock,
      Supplier<List<DatasetDependents>> dependents) {
    this.repository = repository;
    this.limits = limits;
    this.clock = clock;
    this.dependents = dependents;
  }

  /**
   * Stores a CSV upload, read from {@code csv} as it streams in.
   *
   * @param target the target column, or null for the last one
   * @throws InvalidFieldException for an invalid name or content
   * @throws ConflictException if the name is taken
   * @throws LimitExceededException over {@code backprop.limits.max-dataset-size} or the row or
   *     column limit
   */
  public DatasetInfo createFromCsv(String name, String target, InputStream csv) {
    checkNameIsFree(name);
    Instant createdAt = now();
    StoringDataset storing = new StoringDataset(repository, name, createdAt);
    try {
      ParsedDataset data = DatasetParser.parseCsv(csv, target, limits, storing::feature);
      storing.finish(data);
      return data.info(name, createdAt);
    } catch (DuplicateKeyException ex) {
      throw taken(name);
    } catch (RuntimeException ex) {
      storing.abandon(ex);
      throw ex;
    }
  }

  /**
   * Stores a JSON upload, whose values were checked as it was read; errors name the element, e.g.
   * {@code features[3][1]}.
   */
  public DatasetInfo createFromJson(DatasetUpload upload) {
    checkNameIsFree(upload.name());
    return store(
        upload.name(),
        DatasetArrays.finish(
            upload.features(), upload.targets(), upload.featureNames(), upload.target(), ""));
  }

  /**
   * Validates inline training data ({@code "data": { "features", "targets" }} of a training job)
   * exactly as an upload is validated, without storing it. Errors name fields such as {@code
   * data.features[3][1]}; features are named {@code x0, x1, ...}, the target {@code y}.
   *
   * @return the data, with a null name and createdAt
   * @throws InvalidFieldException if the data is invalid
   * @throws LimitExceededException over the row or column limit
   */
  public DatasetData fromInline(List<List<Double>> features, List<JsonNode> targets) {
    return DatasetArrays.parse(features, targets, null, null, "data.", limits).toData(null, null);
  }

  /** The data set's description; 404 if there is none of that name. */
  public DatasetInfo get(String name) {
    return repository.find(name).orElseThrow(() -> notFound(name));
  }

  /** A page of data sets, ordered by name. */
  public PageResponse<DatasetInfo> list(PageRequest page) {
    return new PageResponse<>(
        repository.page(page.offset(), page.size()), page.page(), page.size(), repository.count());
  }

  /** The data set's values, for training; 404 if there is none of that name. */
  public DatasetData load(String name) {
    return repository.load(name).orElseThrow(() -> notFound(name));
  }

  /** Whether a data set of that name exists. */
  public boolean exists(String name) {
    return repository.exists(name);
  }

  /**
   * Deletes the data set; 404 if there is none of that name. While queued or running training jobs
   * need it, a conflict naming them, unless {@code force}, which cancels them first.
   */
  public void delete(String name, boolean force) {
    if (!repository.exists(name)) {
      throw notFound(name);
    }
    List<DatasetDependents> users = dependents.get();
    List<String> needing = users.stream().flatMap(d -> d.dependentsOf(name).stream()).toList();
    if (!needing.isEmpty()) {
      if (!force) {
        throw new ConflictException(
            "The data set '"
                + name
                + "' is needed by "
                + String.join(", ", needing)
                + "; cancel them first, or delete with force=true, which cancels them.");
      }
      users.forEach(d -> d.cancelDependentsOf(name));
    }
    if (!repository.delete(name)) {
      throw notFound(name);
    }
  }

  private void checkNameIsFree(String name) {
    if (!DatasetNames.isValid(name)) {
      throw new InvalidFieldException(Subject.REQUEST, "name", DatasetNames.MESSAGE);
    }
    if (repository.exists(name)) {
      throw taken(name);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private DatasetInfo store(String name, ParsedDataset data) {
    Instant createdAt = now();
    try {
      repository.insert(name, data, createdAt);
    } catch (DuplicateKeyException ex) {
      throw taken(name);
    }
    return data.info(name, createdAt);
  }

  private static ConflictException taken(String name) {
    return new ConflictException("A data set named '" + name + "' already exists.");
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("data set '" + name + "'");
  }
}
