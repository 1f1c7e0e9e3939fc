package io.agreement.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 7's order: the service's grant, then Enterprise's role, then Community's rule. */
class EffectiveRoleTest {

  @ParameterizedTest(name = "grant {0}, Label Studio {1}, creator {2} -> {3} from {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "MANAGER, AN, false, MANAGER, grant",
        "annotator, OW, true, ANNOTATOR, grant",
        "-, OW, false, OWNER, label_studio",
        "-, AD, false, ADMINISTRATOR, label_studio",
        "-, Administrator, false, ADMINISTRATOR, label_studio",
        "-, ma, false, MANAGER, label_studio",
        "-, RE, false, REVIEWER, label_studio",
        "-, AN, true, ANNOTATOR, label_studio",
        "-, VO, false, MANAGER, label_studio",
        "-, View only, false, MANAGER, label_studio",
        "-, -, true, OWNER, creator",
        "-, '', true, OWNER, creator",
        "-, -, false, REVIEWER, default",
      })
  void the_first_source_that_answers_decides(
      String granted, String labelStudio, boolean creator, Role role, String source) {
    EffectiveRole effective = EffectiveRole.resolve(granted, labelStudio, creator, Role.REVIEWER);
    assertThat(effective.role()).isEqualTo(role);
    assertThat(effective.source()).isEqualTo(source);
    assertThat(effective.why()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"DI, deactivated", "Deactivated, deactivated", "NO, not activated", "ZZ, 'ZZ'"})
  void deactivated_not_activated_and_unknown_values_give_no_access(String value, String why) {
    EffectiveRole effective = EffectiveRole.resolve(null, value, true, Role.OWNER);
    assertThat(effective.role()).isNull();
    assertThat(effective.why()).contains(why);
  }

  @ParameterizedTest
  @CsvSource({
    "OWNER, OWNER, true",
    "OWNER, ANNOTATOR, true",
    "ADMINISTRATOR, OWNER, false",
    "ADMINISTRATOR, ADMINISTRATOR, true",
    "ADMINISTRATOR, MANAGER, true"
  })
  void nobody_grants_above_their_own_role(Role granter, Role granted, boolean allowed) {
    assertThat(granter.mayGrant(granted)).isEqualTo(allowed);
  }
}
