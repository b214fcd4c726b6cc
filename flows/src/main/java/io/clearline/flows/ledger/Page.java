package io.clearline.flows.ledger;

import java.util.List;

/** One page of a query and whether more follow: paging is explicit, never a silent cap. */
public record Page<T>(List<T> items, int pageNumber, boolean hasMore) {
    /** The most rows a caller may ask for in one page. */
    public static final int PAGE_SIZE_MAX = 500;

    public Page {
        items = List.copyOf(items);
    }

    public static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("page size is between 1 and " + PAGE_SIZE_MAX + ": " + pageSize);
        }
    }
}
