package io.agreement.common.labelstudio;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Label Studio's users ({@code htx_user}) as the read API names them. */
public final class LabelStudioUsers {

  /** A user as LSE's agreement answers list it. */
  public record User(long id, String email, String firstName, String lastName) {}

  private final JdbcClient jdbc;

  public LabelStudioUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The users with these ids, in the order given; an id with no user (deleted since) keeps its
   * place with null names.
   */
  public List<User> inOrder(List<Long> ids) {
    Map<Long, User> found = byId(ids);
    return ids.stream().map(id -> found.getOrDefault(id, new User(id, null, null, null))).toList();
  }

  private Map<Long, User> byId(Collection<Long> ids) {
    Map<Long, User> users = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return users;
    }
    jdbc.sql("SELECT id, email, first_name, last_name FROM htx_user WHERE id IN (:ids)")
        .param("ids", ids)
        .query(
            (rs, n) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list()
        .forEach(user -> users.put(user.id(), user));
    return users;
  }
}
