package dev.ecr4j.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A public repository's catalog data as ECR Public returns it, which the Amazon ECR Public Gallery
 * shows. Text that was never set is an empty string, and lists that were never set are empty.
 *
 * @param description the short description
 * @param aboutText the detailed description, in Markdown
 * @param usageText how to use the images, in Markdown
 * @param architectures the architectures the images support, such as {@code ARM 64}
 * @param operatingSystems the operating systems the images support, such as {@code Linux}
 * @param logoUrl the URL of the logo that ECR Public stored from the uploaded image
 * @param marketplaceCertified whether the repository is certified by AWS Marketplace
 */
public record PublicCatalogData(
    String description,
    String aboutText,
    String usageText,
    List<String> architectures,
    List<String> operatingSystems,
    Optional<String> logoUrl,
    boolean marketplaceCertified) {

  /** Catalog data with nothing set. */
  public static final PublicCatalogData EMPTY =
      new PublicCatalogData("", "", "", List.of(), List.of(), Optional.empty(), false);

  public PublicCatalogData {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(aboutText, "aboutText");
    Objects.requireNonNull(usageText, "usageText");
    architectures = List.copyOf(architectures);
    operatingSystems = List.copyOf(operatingSystems);
    Objects.requireNonNull(logoUrl, "logoUrl");
  }
}
