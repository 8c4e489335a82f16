package org.platewatch.server.hotlist;

/** How a list's file is laid out. */
enum HotlistFormat {
    /** California DOJ fixed-width extract ({@code svs.tbl}, {@code sfr.tbl}, {@code slr.tbl}). */
    CA_DOJ,
    /** NCIC, DMV or another agency's list as CSV with a header and a column mapping. */
    CSV,
    /** The department's own entries, made through the API and approved by the administrator. */
    CUSTOM
}
