package dev.ecr4j.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryHostTest {

  @ParameterizedTest
  @CsvSource({
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com, aws, eu-west-1, false, false",
    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com, aws, us-east-1, true, false",
    "123456789012.dkr-ecr.eu-west-1.on.aws, aws, eu-west-1, false, true",
    "123456789012.dkr-ecr-fips.us-west-2.on.aws, aws, us-west-2, true, true",
    "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, aws-cn, cn-north-1, false, false",
    "123456789012.dkr-ecr.cn-north-1.on.amazonwebservices.com.cn, aws-cn, cn-north-1, false, true",
    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, aws-us-gov, us-gov-west-1, false, false",
    "123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com, aws-us-gov, us-gov-east-1, true, false",
    "123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu, aws-eusc, eusc-de-east-1, false, false",
    "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov, aws-iso, us-iso-east-1, false, false",
    "123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov, aws-iso-b, us-isob-east-1, false, false",
    "123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk, aws-iso-e, eu-isoe-west-1, false, false",
    "123456789012.dkr.ecr.us-isof-south-1.csp.hci.ic.gov, aws-iso-f, us-isof-south-1, false, false"
  })
  void parsePrivateHosts(
      String host, String partition, String region, boolean fips, boolean dualStack) {
    RegistryHost parsed = RegistryHost.parse(host);

    assertThat(parsed.host()).isEqualTo(host);
    assertThat(parsed.partition()).isEqualTo(partition);
    assertThat(parsed.region()).isEqualTo(region);
    assertThat(parsed.registryId()).isEqualTo("123456789012");
    assertThat(parsed.fips()).isEqualTo(fips);
    assertThat(parsed.dualStack()).isEqualTo(dualStack);
    assertThat(parsed.isPublic()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"public.ecr.aws, false", "ecr-public.aws.com, true"})
  void parsePublicHosts(String host, boolean dualStack) {
    RegistryHost parsed = RegistryHost.parse(host);

    assertThat(parsed.isPublic()).isTrue();
    assertThat(parsed.region()).isEqualTo("us-east-1");
    assertThat(parsed.account()).isEmpty();
    assertThat(parsed.dualStack()).isEqualTo(dualStack);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com:443",
        "123456789012.DKR.ECR.eu-west-1.amazonaws.com/team/app:1.0"
      })
  void parseStripsSchemePortPath(String reference) {
    assertThat(RegistryHost.parse(reference).host())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io",
        "12345.dkr.ecr.eu-west-1.amazonaws.com",
        "123456789012.dkr.ecr.eu-west-1.example.com",
        "123456789012.dkr-ecr.eu-west-1.amazonaws.com",
        "123456789012.dkr.ecr.eu-west-1.on.aws"
      })
  void parseRejectsOtherHosts(String host) {
    assertThatThrownBy(() -> RegistryHost.parse(host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'"
                + host
                + "' is not an ECR registry host; expected"
                + " <account>.dkr.ecr.<region>.amazonaws.com (or its FIPS, dual-stack or"
                + " other-partition form), public.ecr.aws or ecr-public.aws.com");
  }
}
