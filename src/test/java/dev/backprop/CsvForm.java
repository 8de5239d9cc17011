package dev.backprop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A data set upload as a browser's form sends it: {@code multipart/form-data} with the parts {@code
 * name} and {@code file}, for the tests that post one over a real socket.
 */
public final class CsvForm {

  public static final String BOUNDARY = "----backprop-test-boundary";
  public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private CsvForm() {}

  /** The body of a form naming the data set {@code name} and holding {@code csv} as a file. */
  public static byte[] body(String name, String fileName, byte[] csv) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                + name
                + "\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(csv);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }
}
