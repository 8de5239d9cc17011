package dev.backprop.training;

/** The handle a worker polls between batches: cancelled by a client, or handed back on shutdown. */
final class RunningJob {

  enum Stop {
    NONE,
    CANCELLED,
    HAND_BACK,
    TIMED_OUT
  }

  private final String network;
  private volatile Stop stop = Stop.NONE;

  RunningJob(String network) {
    this.network = network;
  }

  String network() {
    return network;
  }

  void cancel() {
    stop = Stop.CANCELLED;
  }

  void handBack() {
    if (stop == Stop.NONE) {
      stop = Stop.HAND_BACK;
    }
  }

  void timeOut() {
    if (stop == Stop.NONE) {
      stop = Stop.TIMED_OUT;
    }
  }

  Stop stop() {
    return stop;
  }
}
