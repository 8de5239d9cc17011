package dev.backprop.flow;

import dev.backprop.IntegrationTest;

/** The walkthrough on the embedded H2 database, in the context the integration tests share. */
@IntegrationTest
class FullFlowTest extends FullFlow {

  @Override
  protected String name() {
    return "iris-flow";
  }
}
