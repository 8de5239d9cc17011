package dev.backprop.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits that keep one client from exhausting the service. Past a limit the client gets a 413
 * or 400 problem detail that names it.
 *
 * @param maxRequestSize largest JSON request body (networks, jobs, predictions, imports)
 * @param maxDatasetSize largest data set upload, in any format
 * @param maxDatasetRows most rows in one data set (or inline training data)
 * @param maxDatasetColumns most feature columns in one data set
 * @param maxLayers most layers in one network
 * @param maxUnitsPerLayer most units in one layer, and most inputs
 * @param maxParameters most weights and biases in one network, checked before anything is allocated
 * @param maxEpochs most epochs one training job may ask for
 * @param maxPredictionRows most rows in one prediction or inference request
 * @param maxQueuedJobs most training jobs waiting to run (all replicas together); past it a submit
 *     is a 429 until the queue drains
 */
@ConfigurationProperties("backprop.limits")
public record LimitsProperties(
    @DefaultValue("16MB") DataSize maxRequestSize,
    @DefaultValue("64MB") DataSize maxDatasetSize,
    @DefaultValue("1000000") int maxDatasetRows,
    @DefaultValue("1000") int maxDatasetColumns,
    @DefaultValue("32") int maxLayers,
    @DefaultValue("4096") int maxUnitsPerLayer,
    @DefaultValue("5000000") long maxParameters,
    @DefaultValue("100000") int maxEpochs,
    @DefaultValue("10000") int maxPredictionRows,
    @DefaultValue("1000") int maxQueuedJobs) {

  /** No limits at all: for reading back what was accepted under earlier, wider limits. */
  public static final LimitsProperties UNLIMITED =
      new LimitsProperties(
          DataSize.ofBytes(Long.MAX_VALUE),
          DataSize.ofBytes(Long.MAX_VALUE),
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Long.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE);
}
