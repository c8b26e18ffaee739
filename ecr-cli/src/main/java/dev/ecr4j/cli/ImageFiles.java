package dev.ecr4j.cli;

import dev.ecr4j.policy.lifecycle.DescribeImagesJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the {@code aws ecr describe-images} listings that {@code lifecycle preview} evaluates. */
final class ImageFiles {

  private ImageFiles() {}

  /**
   * Reads the listing in {@code file} as a stream, so that files of a million images need memory
   * only for the images read.
   *
   * @throws CliException with every problem of the listing, or when the file cannot be read
   */
  static DescribeImagesJson.Result load(Path file) throws CliException {
    try (InputStream in = InputFiles.open(file, "images file")) {
      return DescribeImagesJson.parse(in);
    } catch (DescribeImagesJson.InvalidImagesException e) {
      List<String> lines = new ArrayList<>(e.problems());
      int unlisted = e.problemCount() - e.problems().size();
      if (unlisted > 0) {
        lines.add("... and " + unlisted + " more");
      }
      throw new CliException(
          ExitCodes.INVALID_INPUT,
          "images file "
              + InputFiles.quoted(file)
              + " is not a valid describe-images listing ("
              + e.problemCount()
              + (e.problemCount() == 1 ? " problem" : " problems")
              + "):",
          lines);
    } catch (IOException e) {
      throw InputFiles.readFailure(file, "images file", e);
    }
  }
}
