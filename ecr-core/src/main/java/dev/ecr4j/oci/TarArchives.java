package dev.ecr4j.oci;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Extracts and creates the tar files of image archives, safely. */
final class TarArchives {

  private TarArchives() {}

  /**
   * Extracts {@code archive} (a tar, optionally gzip-compressed) into {@code target}.
   *
   * <p>Entries whose path leaves {@code target} (absolute names, {@code ..}) are rejected, and so
   * are links that point outside it. Links inside it are extracted as copies of the file they name,
   * so no later entry can write through a link. Device files and FIFOs are skipped.
   *
   * @throws IOException when the archive is unreadable or an entry escapes the target
   */
  static void extract(Path archive, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
        TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(raw))) {
      extractEntries(tar, root, archive);
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("Archive ")) {
        throw e; // already names the archive
      }
      // A truncated or corrupt file fails deep in the tar reader, whose message names no file.
      throw new IOException(
          "Extracting archive "
              + archive
              + " failed: "
              + message
              + "; check that the file is a complete tar or tar.gz archive",
          e);
    }
  }

  private static void extractEntries(TarArchiveInputStream tar, Path root, Path archive)
      throws IOException {
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      Path path = inside(root, entry.getName(), archive);
      if (entry.isDirectory()) {
        Files.createDirectories(path);
      } else if (entry.isSymbolicLink() || entry.isLink()) {
        Path linkTarget =
            entry.isSymbolicLink()
                ? resolveSymlink(root, path, entry.getLinkName(), archive)
                : inside(root, entry.getLinkName(), archive);
        if (!Files.isRegularFile(linkTarget, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(
              "Archive "
                  + archive
                  + " has a link '"
                  + entry.getName()
                  + "' to '"
                  + entry.getLinkName()
                  + "', which is not a file extracted before it");
        }
        Files.createDirectories(path.getParent());
        Files.copy(linkTarget, path, StandardCopyOption.REPLACE_EXISTING);
      } else if (entry.isFile()) {
        Files.createDirectories(path.getParent());
        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Creates an uncompressed tar of the files under {@code directory}, in sorted order. */
  static void create(Path directory, Path archive) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      walk.filter(Files::isRegularFile)
          .sorted(Comparator.comparing(Path::toString))
          .forEach(files::add);
    }
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Path file : files) {
        String name = directory.relativize(file).toString().replace('\\', '/');
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** Deletes {@code directory} and everything under it; missing files are ignored. */
  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        directory,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    raw.mark(2);
    int first = raw.read();
    int second = raw.read();
    raw.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(raw, 64 * 1024);
    }
    return raw;
  }

  private static Path inside(Path root, String name, Path archive) throws IOException {
    Path path = root.resolve(name).normalize();
    if (name.startsWith("/") || !path.startsWith(root)) {
      throw new IOException(
          "Archive "
              + archive
              + " has an entry '"
              + name
              + "' outside the extraction directory; the archive is corrupt or malicious, and was"
              + " not extracted");
    }
    return path;
  }

  private static Path resolveSymlink(Path root, Path link, String target, Path archive)
      throws IOException {
    Path resolved = java.util.Objects.requireNonNull(link.getParent()).resolve(target).normalize();
    if (target.startsWith("/") || !resolved.startsWith(root)) {
      throw new IOException(
          "Archive "
              + archive
              + " has a link to '"
              + target
              + "' outside the extraction directory; the archive is corrupt or malicious, and was"
              + " not extracted");
    }
    return resolved;
  }
}
