package io.metron.search.metaalert;

import io.metron.search.GetRequest;
import java.util.List;

/**
 * A meta-alert to create, as Metron's {@code MetaAlertCreateRequest}.
 *
 * @param alerts the alerts it groups; at least one
 * @param groups the group-by values the analyst chose them by (informational)
 */
public record MetaAlertCreateRequest(List<GetRequest> alerts, List<String> groups) {
  public MetaAlertCreateRequest {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
