package dev.backprop.openinference;

/**
 * An infer request as read off the wire by {@link InferenceCodec}.
 *
 * @param request the JSON request (the whole body, or the header of a binary one)
 * @param binaryInputs per input, in order, its values decoded from the binary data after the
 *     header, or null where the input has none; null for a request without binary data
 * @param binaryOutput whether the output goes back as binary data
 */
record InferenceBody(InferenceRequest request, float[][] binaryInputs, boolean binaryOutput) {

  /** The binary values of the input at {@code index}, or null if it was sent as JSON. */
  float[] binaryInput(int index) {
    return binaryInputs == null || index >= binaryInputs.length ? null : binaryInputs[index];
  }
}
