package dev.backprop.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum whose constants are known outside Java (in the REST API and in stored data) by their
 * lower-case names: {@code LEAKY_RELU} is {@code leaky_relu}. The naming rule and the parsing of
 * such names live here once, for the engine's enums and for the features' own.
 */
public interface ApiNamed {

  /** The constant's Java name; every enum already has it. */
  String name();

  /** The lower-case name used in the API and in stored data. */
  default String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} whose API name is {@code name}.
   *
   * @param what what the constants are, for the message (e.g. {@code "activation"})
   * @throws IllegalArgumentException for any other name, listing the allowed ones
   */
  static <E extends Enum<E> & ApiNamed> E parse(Class<E> type, String name, String what) {
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      if (constant.apiName().equals(name)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + what
            + " '"
            + name
            + "'; allowed: "
            + Arrays.stream(constants).map(ApiNamed::apiName).collect(Collectors.joining(", ")));
  }
}
