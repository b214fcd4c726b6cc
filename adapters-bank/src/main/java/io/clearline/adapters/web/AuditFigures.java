package io.clearline.adapters.web;

import java.util.Map;

/**
 * The instant audit's latest figures, as {@code GET /api/audit} answers them: verdict, as of when,
 * transactions verified, payments recorded, per currency issued and in circulation, failures. The
 * node implements it (the audit reads the ledger, which this module may not depend on), so that the
 * workspace shows the very figures the API does. Who may see them is the caller's to check.
 */
public interface AuditFigures {
    Map<String, Object> latest();
}
