package dev.ecr4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void printableTextUnchanged() {
    String[] texts = {"plain text", "caf\u00e9 \u4e2d\u6587", "rocket \ud83d\ude80", ""};

    for (String text : texts) {
      assertThat(Printable.escapeControlCharacters(text)).isSameAs(text);
    }
  }

  @Test
  void controlCharactersEscaped() {
    assertThat(Printable.escapeControlCharacters("a\u001bb")).isEqualTo("a\\u001bb");
    assertThat(Printable.escapeControlCharacters("line\nbreak")).isEqualTo("line\\u000abreak");
    assertThat(Printable.escapeControlCharacters("c1\u0085")).isEqualTo("c1\\u0085");
  }

  @Test
  void formatCharactersEscaped() {
    assertThat(Printable.escapeControlCharacters("rtl\u202eoverride"))
        .isEqualTo("rtl\\u202eoverride");
    assertThat(Printable.escapeControlCharacters("zero\u200bwidth")).isEqualTo("zero\\u200bwidth");
    assertThat(Printable.escapeControlCharacters("\u2066isolate\u2069"))
        .isEqualTo("\\u2066isolate\\u2069");
    assertThat(Printable.escapeControlCharacters("bom\ufeff")).isEqualTo("bom\\ufeff");
    // U+E0041 TAG LATIN CAPITAL LETTER A, a format character outside the BMP.
    assertThat(Printable.escapeControlCharacters("tag\udb40\udc41")).isEqualTo("tag\\udb40\\udc41");
  }

  @Test
  void unpairedSurrogatesEscaped() {
    assertThat(Printable.escapeControlCharacters("lone\ud800high")).isEqualTo("lone\\ud800high");
    assertThat(Printable.escapeControlCharacters("lone\udc00low")).isEqualTo("lone\\udc00low");
    assertThat(Printable.escapeControlCharacters("end\ud83d")).isEqualTo("end\\ud83d");
  }
}
