package dev.backprop.prediction;

/**
 * What one trained version has served since the process started, over both APIs, as read from its
 * serving meters (all zero for a version that has served nothing). The fields follow Triton's
 * statistics extension.
 *
 * @param model the network's name
 * @param version the version number
 * @param lastInference when it last answered a request, in milliseconds since the epoch; 0 if never
 * @param inferenceCount rows predicted by successful requests
 * @param executionCount feedforwards run: one per batch, so fewer than rows when batched
 * @param success successful requests and their whole time in the service
 * @param fail failed requests (on a resolved version) and their time
 * @param queue requests that reached the batcher and their time waiting in its queue
 * @param computeInput requests and their time turning the request's inputs into checked rows
 * @param computeInfer requests and, for each, the time of the feedforward its rows ran in
 * @param computeOutput requests and their time turning the outputs into the answer
 */
public record ServingStatistics(
    String model,
    int version,
    long lastInference,
    long inferenceCount,
    long executionCount,
    Duration success,
    Duration fail,
    Duration queue,
    Duration computeInput,
    Duration computeInfer,
    Duration computeOutput) {

  /**
   * How often something was timed, and the time summed over all of them.
   *
   * @param count how many were timed
   * @param nanos their total time, in nanoseconds
   */
  public record Duration(long count, long nanos) {
    static final Duration NONE = new Duration(0, 0);
  }

  /** A version that has served nothing since the process started. */
  static ServingStatistics none(String model, int version) {
    return new ServingStatistics(
        model,
        version,
        0,
        0,
        0,
        Duration.NONE,
        Duration.NONE,
        Duration.NONE,
        Duration.NONE,
        Duration.NONE,
        Duration.NONE);
  }
}
