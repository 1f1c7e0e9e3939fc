package io.agreement.api.members;

import io.agreement.api.auth.Caller;
import io.agreement.api.auth.EffectiveRole;
import io.agreement.api.auth.MemberDefaults;
import io.agreement.api.auth.Role;
import io.agreement.api.settings.ProjectScope;
import io.agreement.api.web.ApiException;
import io.agreement.api.web.JsonBody;
import io.agreement.api.web.Page;
import io.agreement.api.web.Paging;
import io.agreement.common.labelstudio.LabelStudioAccounts;
import io.agreement.common.labelstudio.LabelStudioAccounts.Member;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what in the caller's organization, and roles granted through this service (SPEC 7):
 * how a Label Studio Community admin lets a second person trigger backfills or read results.
 */
@RestController
@RequestMapping(value = "/api/agreement/members", produces = MediaType.APPLICATION_JSON_VALUE)
class MembersController {

  private final LabelStudioAccounts accounts;
  private final MemberGrants grants;
  private final MemberDefaults defaults;
  private final JsonMapper json;

  MembersController(
      LabelStudioAccounts accounts, MemberGrants grants, MemberDefaults defaults, JsonMapper json) {
    this.accounts = accounts;
    this.grants = grants;
    this.defaults = defaults;
    this.json = json;
  }

  @Operation(
      summary =
          "The organization's members, each with their effective role and where it comes from")
  @GetMapping({"", "/"})
  Page<MemberView> list(
      Caller caller,
      @RequestParam(required = false) String page,
      @RequestParam(name = "page_size", required = false) String pageSize) {
    caller.requireReader();
    Paging paging = Paging.parse(page, pageSize);
    long count = accounts.countMembers(caller.organizationId());
    paging.requireWithin(count, "members");
    return paging.page(
        count,
        accounts
            .members(caller.organizationId(), null, (int) paging.offset(), paging.size())
            .stream()
            .map(this::view)
            .toList());
  }

  @Operation(
      summary =
          "Grant a member a role (OWNER or ADMINISTRATOR; nobody grants above their own role)")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      content =
          @Content(
              schema = @Schema(implementation = RoleBody.class),
              examples = @ExampleObject(value = "{\"role\": \"ADMINISTRATOR\"}")))
  @PutMapping({"/{userId}/role", "/{userId}/role/"})
  @Transactional
  MemberView grant(
      Caller caller, @PathVariable String userId, @RequestBody(required = false) byte[] body) {
    caller.requireAdmin();
    Role role = role(body);
    Member member = member(caller, userId);
    if (!caller.role().mayGrant(role)) {
      throw ApiException.forbidden(
          "Granting " + role + " needs the OWNER role; your role is " + caller.role());
    }
    requireNotSelf(caller, member);
    grants.grant(caller.organizationId(), member.userId(), role, caller.userId());
    return view(member(caller, userId));
  }

  @Operation(
      summary =
          "Remove a member's granted role: Label Studio's role or the Community rule applies again")
  @DeleteMapping({"/{userId}/role", "/{userId}/role/"})
  @Transactional
  MemberView revoke(Caller caller, @PathVariable String userId) {
    caller.requireAdmin();
    Member member = member(caller, userId);
    requireNotSelf(caller, member);
    grants.revoke(caller.organizationId(), member.userId());
    return view(member(caller, userId));
  }

  private Member member(Caller caller, String rawUserId) {
    long id = ProjectScope.pathId("user id", rawUserId);
    return accounts.members(caller.organizationId(), id, 0, 1).stream()
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "User " + id + " is not an active member of your organization"));
  }

  /** Nobody changes their own role: an administrator could otherwise lock themselves out. */
  private static void requireNotSelf(Caller caller, Member member) {
    if (member.userId() == caller.userId()) {
      throw ApiException.badRequest(
          "You cannot change your own role; ask another OWNER or ADMINISTRATOR");
    }
  }

  private Role role(byte[] body) {
    JsonNode value = JsonBody.object(json, body, Set.of("role")).get("role");
    String name = value != null && value.isString() ? value.asString() : null;
    return Role.parse(name)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "role must be one of "
                        + Arrays.toString(Role.values())
                        + ", got "
                        + JsonBody.preview(value)));
  }

  private MemberView view(Member member) {
    return MemberView.of(member, EffectiveRole.of(member, defaults.role()));
  }
}
