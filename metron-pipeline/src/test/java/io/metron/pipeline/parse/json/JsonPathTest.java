package io.metron.pipeline.parse.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final Map<String, Object> DOC =
      Map.of(
          "store",
          Map.of(
              "book",
              List.of(Map.of("title", "a", "price", 1), Map.of("title", "b", "price", 2)),
              "name",
              "shop"));

  @Test
  void selectsChildrenWildcardsIndexesAndDescendants() {
    assertThat(JsonPath.compile("$.store.name").select(DOC)).containsExactly("shop");
    assertThat(JsonPath.compile("$.store.book[*].title").select(DOC)).containsExactly("a", "b");
    assertThat(JsonPath.compile("$['store']['book'][1].price").select(DOC)).containsExactly(2);
    assertThat(JsonPath.compile("$.store.book[-1].title").select(DOC)).containsExactly("b");
    assertThat(JsonPath.compile("$..title").select(DOC)).containsExactlyInAnyOrder("a", "b");
    assertThat(JsonPath.compile("$.missing[*]").select(DOC)).isEmpty();
  }

  @Test
  void rejectsWhatItDoesNotSupportWithThePosition() {
    assertThatThrownBy(() -> JsonPath.compile("store")).hasMessageContaining("starts with '$'");
    assertThatThrownBy(() -> JsonPath.compile("$.a[?(@.x)]"))
        .hasMessageContaining("unsupported selector");
    assertThatThrownBy(() -> JsonPath.compile("$.a[0")).hasMessageContaining("never closed");
  }
}
