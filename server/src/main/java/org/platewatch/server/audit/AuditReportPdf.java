package org.platewatch.server.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The report as PDF, with Apache PDFBox: the same blocks as the HTML, in Helvetica on Letter pages, lines wrapped to
 * the page. The standard fonts know WinAnsi only; any other character is written as '?', so that a note in another
 * script cannot stop a report from being filed.
 */
final class AuditReportPdf {

    private static final float MARGIN = 54;
    private static final float TEXT = 10;
    private static final float SMALL = 8;

    private final PDDocument document = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final float width = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
    private PDPageContentStream out;
    private float y;

    private AuditReportPdf() {}

    static byte[] render(AuditReport report, String department) {
        AuditReportPdf pdf = new AuditReportPdf();
        try (PDDocument doc = pdf.document) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(report.title() + " - " + department);
            info.setProducer("Platewatch");
            pdf.newPage();
            pdf.paragraph(report.title(), pdf.bold, 16, 0);
            pdf.paragraph(department, pdf.regular, TEXT, 0);
            for (AuditReport.Block block : report.blocks()) {
                pdf.block(block);
            }
            pdf.out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit report could not be written as PDF", e);
        }
    }

    private void block(AuditReport.Block block) throws IOException {
        if (block instanceof AuditReport.Heading h) {
            y -= 6;
            paragraph(h.text(), bold, 12, 0);
        } else if (block instanceof AuditReport.Text t) {
            paragraph(t.text(), regular, TEXT, 0);
        } else if (block instanceof AuditReport.Fields f) {
            for (AuditReport.Field field : f.fields()) {
                paragraph(field.label() + ": " + field.value(), regular, TEXT, 12);
            }
        } else if (block instanceof AuditReport.Table t) {
            table(t);
        }
        y -= 4;
    }

    /** Wrapped lines; {@code hang}: the indent of every line after the first. */
    private void paragraph(String text, PDType1Font font, float size, float hang) throws IOException {
        List<String> lines = wrap(text, font, size, width - hang);
        for (int i = 0; i < lines.size(); i++) {
            line(lines.get(i), font, size, MARGIN + (i == 0 ? 0 : hang));
        }
    }

    private void table(AuditReport.Table table) throws IOException {
        int columns = table.headers().size();
        float column = width / columns;
        List<List<String>> rows = new ArrayList<>();
        rows.add(table.headers());
        rows.addAll(table.rows());
        for (int r = 0; r < rows.size(); r++) {
            PDType1Font font = r == 0 ? bold : regular;
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (String cell : rows.get(r)) {
                List<String> wrapped = wrap(cell, font, SMALL, column - 4);
                cells.add(wrapped);
                height = Math.max(height, wrapped.size());
            }
            float leading = SMALL * 1.3f;
            if (y - height * leading < MARGIN) {
                newPage();
            }
            float top = y;
            for (int c = 0; c < columns; c++) {
                float lineY = top;
                for (String text : cells.get(c)) {
                    write(text, font, SMALL, MARGIN + c * column, lineY - SMALL);
                    lineY -= leading;
                }
            }
            y = top - height * leading - 3;
        }
    }

    private void line(String text, PDType1Font font, float size, float x) throws IOException {
        float leading = size * 1.35f;
        if (y - leading < MARGIN) {
            newPage();
        }
        write(text, font, size, x, y - size);
        y -= leading;
    }

    private void write(String text, PDType1Font font, float size, float x, float baseline) throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, baseline);
        out.showText(text);
        out.endText();
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.LETTER);
        document.addPage(page);
        out = new PDPageContentStream(document, page);
        y = PDRectangle.LETTER.getHeight() - MARGIN;
    }

    /** Words to lines no wider than {@code max}; a word wider than a line is cut. */
    private List<String> wrap(String raw, PDType1Font font, float size, float max) throws IOException {
        String text = encodable(raw == null ? "" : raw, font);
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder current = new StringBuilder();
            for (String word : para.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (width(candidate, font, size) <= max) {
                    current.setLength(0);
                    current.append(candidate);
                    continue;
                }
                if (!current.isEmpty()) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
                String rest = word;
                while (width(rest, font, size) > max && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font, size) > max) {
                        cut--;
                    }
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                current.append(rest);
            }
            lines.add(current.toString());
        }
        return lines;
    }

    private static float width(String s, PDType1Font font, float size) throws IOException {
        return font.getStringWidth(s) / 1000 * size;
    }

    private static String encodable(String s, PDType1Font font) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp == '\n') {
                b.append('\n');
                return;
            }
            if (Character.isISOControl(cp)) {
                b.append(' ');
                return;
            }
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }
}
