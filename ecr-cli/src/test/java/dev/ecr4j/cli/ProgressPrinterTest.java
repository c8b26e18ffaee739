package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecr4j.oci.Digest;
import dev.ecr4j.registry.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {

  @Test
  void barCountsOnlyTheCurrentTransfer() {
    StringWriter text = new StringWriter();
    ProgressPrinter printer = new ProgressPrinter(new PrintWriter(text), true, "uploaded");
    Digest first = Digest.sha256("first".getBytes(StandardCharsets.UTF_8));
    Digest second = Digest.sha256("second".getBytes(StandardCharsets.UTF_8));

    printer.onEvent(new ProgressEvent(ProgressEvent.Kind.STARTED, first, 0, 2048, ""));
    printer.onEvent(new ProgressEvent(ProgressEvent.Kind.COMPLETED, first, 2048, 2048, ""));
    printer.finish();
    text.getBuffer().setLength(0);
    printer.onEvent(new ProgressEvent(ProgressEvent.Kind.STARTED, second, 0, 1024, ""));

    assertThat(text.toString()).endsWith("] 0 B / 1.0 KiB");
  }
}
