package dev.ecr4j.testkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Verifies AWS Signature Version 4 on a request, as AWS does for the awsJson services.
 *
 * <p>The canonical request is rebuilt from the method, path, query, the signed headers and the
 * payload hash ({@code x-amz-content-sha256} when the client sent it, else the SHA-256 of the
 * body). Failures return the errors AWS returns, each with HTTP 400:
 *
 * <ul>
 *   <li>no {@code Authorization} header: {@code MissingAuthenticationTokenException};
 *   <li>an access key that no configured credential has: {@code UnrecognizedClientException};
 *   <li>a signature that does not match, a wrong service in the scope, or a request time more than
 *       15 minutes away: {@code InvalidSignatureException}.
 * </ul>
 *
 * <p>In lenient mode any signature is accepted: an unknown or missing access key maps to the
 * default account, and the region still comes from the credential scope when there is one.
 */
final class SigV4Verifier {

  /** AWS rejects requests whose time is more than 15 minutes away from its own clock. */
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request"
              + "\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The region of unsigned requests in lenient mode, the AWS SDKs' usual default. */
  static final String DEFAULT_REGION = "us-east-1";

  private static final String INVALID_SIGNATURE =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  private final Map<String, Credential> credentialsByAccessKey;
  private final Credential defaultCredential;
  private final boolean lenient;

  /** A configured access key with its secret and account. */
  record Credential(String accessKeyId, String secretAccessKey, String accountId) {
    @Override
    public String toString() {
      return "Credential[accessKeyId=" + accessKeyId + ", accountId=" + accountId + "]";
    }
  }

  /** The caller of a verified request: its account and the region of its credential scope. */
  /**
   * The signer of a request. The emulator has no IAM: a request signed with access key {@code K} of
   * account {@code A} acts as the IAM user {@code arn:aws:iam::A:user/K}.
   */
  record Caller(String accountId, String region, String accessKeyId) {

    /** Returns the caller's IAM principal, as pull-time update exclusions name it. */
    String principalArn() {
      return "arn:aws:iam::" + accountId + ":user/" + accessKeyId;
    }
  }

  /** The parts of an HTTP request that a signature covers. */
  record SignedRequest(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      Function<String, List<String>> headers,
      byte[] body) {}

  SigV4Verifier(List<Credential> credentials, boolean lenient) {
    Map<String, Credential> byKey = new java.util.LinkedHashMap<>();
    for (Credential credential : credentials) {
      byKey.put(credential.accessKeyId(), credential);
    }
    this.credentialsByAccessKey = Map.copyOf(byKey);
    this.defaultCredential = credentials.get(0);
    this.lenient = lenient;
  }

  /**
   * Verifies the signature of {@code request} for {@code signingName} and returns the caller.
   *
   * @throws AwsError when the request is not signed, or signed by an unknown key or wrongly
   */
  Caller verify(SignedRequest request, String signingName, Instant now) {
    String authorization = first(request, "Authorization");
    if (authorization == null) {
      if (lenient) {
        return new Caller(
            defaultCredential.accountId(), DEFAULT_REGION, defaultCredential.accessKeyId());
      }
      // NOTE: the HTTP status of a missing signature on ECR's JSON endpoint is not observed; 400
      // is what AWS's other awsJson services return.
      throw AwsError.of("MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    Matcher matcher = AUTHORIZATION.matcher(authorization.trim());
    if (!matcher.matches()) {
      if (lenient) {
        return new Caller(
            defaultCredential.accountId(), DEFAULT_REGION, defaultCredential.accessKeyId());
      }
      throw AwsError.of(
          "IncompleteSignatureException",
          "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters"
              + " in the AWS4-HMAC-SHA256 format.");
    }
    String accessKeyId = matcher.group(1);
    String scopeDate = matcher.group(2);
    String region = matcher.group(3);
    String service = matcher.group(4);
    String signedHeaders = matcher.group(5);
    String signature = matcher.group(6).toLowerCase(Locale.ROOT);

    Credential credential = credentialsByAccessKey.get(accessKeyId);
    if (lenient) {
      Credential known = credential == null ? defaultCredential : credential;
      return new Caller(known.accountId(), region, known.accessKeyId());
    }
    if (credential == null) {
      throw AwsError.of(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    if (!service.equals(signingName)) {
      throw AwsError.of(
          "InvalidSignatureException",
          "Credential should be scoped to correct service: '" + signingName + "'. ");
    }

    String amzDate = first(request, "X-Amz-Date");
    if (amzDate == null) {
      throw AwsError.of(
          "IncompleteSignatureException",
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    Instant requestTime;
    try {
      requestTime = Instant.from(AMZ_DATE.parse(amzDate));
    } catch (DateTimeParseException e) {
      throw AwsError.of(
          "IncompleteSignatureException",
          "The X-Amz-Date header is not in the yyyyMMdd'T'HHmmss'Z' format.");
    }
    checkSkew(requestTime, amzDate, now);

    String expected = sign(request, credential, amzDate, scopeDate, region, service, signedHeaders);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw AwsError.of("InvalidSignatureException", INVALID_SIGNATURE);
    }
    return new Caller(credential.accountId(), region, credential.accessKeyId());
  }

  private static void checkSkew(Instant requestTime, String amzDate, Instant now) {
    if (requestTime.isBefore(now.minus(MAX_CLOCK_SKEW))) {
      throw AwsError.of(
          "InvalidSignatureException",
          "Signature expired: "
              + amzDate
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " - 15 min.)");
    }
    if (requestTime.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw AwsError.of(
          "InvalidSignatureException",
          "Signature not yet current: "
              + amzDate
              + " is still later than "
              + AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " + 15 min.)");
    }
  }

  private static String sign(
      SignedRequest request,
      Credential credential,
      String amzDate,
      String scopeDate,
      String region,
      String service,
      String signedHeaders) {
    StringBuilder canonical = new StringBuilder();
    canonical.append(request.method()).append('\n');
    canonical.append(canonicalPath(request.rawPath())).append('\n');
    canonical.append(canonicalQuery(request.rawQuery())).append('\n');
    for (String name : signedHeaders.split(";")) {
      List<String> values = request.headers().apply(name);
      List<String> trimmed = new ArrayList<>();
      for (String value : values) {
        trimmed.add(value.trim().replaceAll("\\s+", " "));
      }
      canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n');
    String payloadHash =
        Optional.ofNullable(first(request, "X-Amz-Content-Sha256"))
            .orElseGet(() -> hex(sha256(request.body())));
    canonical.append(payloadHash);

    String scope = scopeDate + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

    byte[] key = ("AWS4" + credential.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
    key = hmac(key, scopeDate);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  /** Returns the path as the signer encoded it; clients send it already encoded once. */
  private static String canonicalPath(String rawPath) {
    return rawPath.isEmpty() ? "/" : rawPath;
  }

  private static String canonicalQuery(@Nullable String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> pairs = new ArrayList<>(List.of(rawQuery.split("&")));
    List<String> normalized = new ArrayList<>();
    for (String pair : pairs) {
      normalized.add(pair.contains("=") ? pair : pair + "=");
    }
    normalized.sort(null);
    return String.join("&", normalized);
  }

  private static @Nullable String first(SignedRequest request, String name) {
    List<String> values = request.headers().apply(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Loads the SHA-256 and HmacSHA256 providers, which take tens of milliseconds on first use. */
  static void warmUp() {
    sha256(new byte[0]);
    hmac(new byte[32], "warm-up");
  }

  static byte[] sha256(byte[] data) {
    return HmacSha256.sha256().digest(data);
  }

  private static byte[] hmac(byte[] key, String data) {
    return HmacSha256.mac(key, data.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
