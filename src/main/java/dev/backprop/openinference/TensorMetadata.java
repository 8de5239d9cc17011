package dev.backprop.openinference;

import java.util.List;

/**
 * A model's input or output tensor.
 *
 * @param name {@code input} or {@code output}
 * @param datatype the element type, {@code FP32}
 * @param shape the dimensions, -1 for the number of rows, which varies
 */
public record TensorMetadata(String name, String datatype, List<Long> shape) {}
