package org.platewatch.server.audit;

import org.springframework.web.util.HtmlUtils;

/** The report as a self-contained HTML page (no script, no outside resource), every value escaped. */
final class AuditReportHtml {

    private AuditReportHtml() {}

    static String render(AuditReport report, String department) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title()))
                .append(" · ")
                .append(esc(department))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
                        + "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}"
                        + "dd{margin:0}table{border-collapse:collapse;width:100%;font-size:.9em}"
                        + "th,td{border:1px solid #999;padding:.2em .4em;text-align:left;vertical-align:top}</style>"
                        + "</head>\n<body>\n<h1>")
                .append(esc(report.title()))
                .append("</h1>\n<p>")
                .append(esc(department))
                .append("</p>\n");
        for (AuditReport.Block block : report.blocks()) {
            if (block instanceof AuditReport.Heading heading) {
                h.append("<h2>").append(esc(heading.text())).append("</h2>\n");
            } else if (block instanceof AuditReport.Text text) {
                h.append("<p>").append(esc(text.text())).append("</p>\n");
            } else if (block instanceof AuditReport.Fields fields) {
                h.append("<dl>");
                for (AuditReport.Field f : fields.fields()) {
                    h.append("<dt>")
                            .append(esc(f.label()))
                            .append("</dt><dd>")
                            .append(esc(f.value()))
                            .append("</dd>");
                }
                h.append("</dl>\n");
            } else if (block instanceof AuditReport.Table table) {
                h.append("<table><thead><tr>");
                table.headers()
                        .forEach(c ->
                                h.append("<th scope=\"col\">").append(esc(c)).append("</th>"));
                h.append("</tr></thead><tbody>\n");
                for (var row : table.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</tbody></table>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s);
    }
}
