package io.metron.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.metron.server.ui.UserSettingsStore.SavedSearch;
import io.metron.server.ui.UserSettingsStore.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSettingsStoreTest {
  @TempDir Path dir;

  private static Settings settings(String claimedUser, SavedSearch... searches) {
    return new Settings(
        claimedUser,
        List.of("threat.triage.score", "ip_src_addr"),
        List.of(searches),
        List.of("ip_dst_port:53"),
        null);
  }

  @Test
  void settingsSurviveARestartAndBelongToWhoeverSavedThem() {
    UserSettingsStore store = UserSettingsStore.in(dir);
    store.save("alice", settings("mallory"));
    assertThat(Files.exists(dir.resolve("ui/settings.json"))).isTrue();
    assertThat(dir.resolve("ui").toFile().list()).containsExactly("settings.json");

    Settings reread = UserSettingsStore.in(dir).get("alice").orElseThrow();
    assertThat(reread.user()).isEqualTo("alice");
    assertThat(reread.tableColumns()).containsExactly("threat.triage.score", "ip_src_addr");
    assertThat(reread.recentSearches()).containsExactly("ip_dst_port:53");
    assertThat(reread.facetFields()).isEmpty();
    assertThat(UserSettingsStore.in(dir).get("mallory")).isEmpty();
  }

  @Test
  void onlySearchesMarkedSharedAreOfferedToEveryone() {
    UserSettingsStore store = UserSettingsStore.in(dir);
    store.save(
        "alice",
        settings(
            "alice",
            new SavedSearch("dns", Map.of("query", "ip_dst_port:53"), true),
            new SavedSearch("mine", Map.of("query", "alert_status:OPEN"), null)));
    store.save(
        "bob", settings("bob", new SavedSearch("rdp", Map.of("query", "ip_dst_port:3389"), false)));

    assertThat(store.shared())
        .containsExactly(
            new UserSettingsStore.SharedSearch("alice", "dns", Map.of("query", "ip_dst_port:53")));
    assertThat(store.delete("alice")).isTrue();
    assertThat(store.delete("alice")).isFalse();
    assertThat(UserSettingsStore.in(dir).shared()).isEmpty();
    assertThat(UserSettingsStore.in(dir).all()).containsOnlyKeys("bob");
  }
}
