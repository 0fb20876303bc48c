package io.metron.search.lucene;

import io.metron.search.SearchStore;
import io.metron.search.SearchStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The search store contract, on the embedded Lucene store. */
class LuceneSearchStoreContractTest extends SearchStoreContract {
  @TempDir Path root;
  private LuceneSearchStore store;

  @Override
  protected SearchStore emptyStore() throws Exception {
    store = LuceneSearchStore.open(root);
    return store;
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }
}
