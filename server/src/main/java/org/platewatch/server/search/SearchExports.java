package org.platewatch.server.search;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.platewatch.server.audit.AuditEvent;
import org.platewatch.server.audit.AuditLog;
import org.platewatch.server.platform.DetectionCsv;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A search's results as a file for the case: CSV for a spreadsheet or the case file, KML for a map. Only the
 * requester exports, and each export is audited with its case number and row count in the same transaction as the
 * query that fills it: a file of detections leaving the system is an access like any other.
 */
@Service
class SearchExports {

    /** An export is for a case file: a search that finds more than this should be narrowed, not downloaded. */
    static final int MAX_ROWS = 50_000;

    static final ProblemType TOO_LARGE = new ProblemType(
            "export-too-large", "The search found too many detections to export", HttpStatus.UNPROCESSABLE_CONTENT);

    /** The two formats, with what the HTTP answer says of them. */
    enum Format {
        CSV("text/csv; charset=UTF-8", "csv"),
        KML("application/vnd.google-earth.kml+xml; charset=UTF-8", "kml");

        final String contentType;
        final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    /** The file, and its name: the search's id, never its terms. */
    record Export(Format format, String fileName, byte[] content) {}

    private final Searches searches;
    private final SearchStore store;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final ZoneId zone;

    SearchExports(
            Searches searches,
            SearchStore store,
            AuditLog audit,
            TransactionTemplate transaction,
            DepartmentProfile profile) {
        this.searches = searches;
        this.store = store;
        this.audit = audit;
        this.transaction = transaction;
        this.zone = profile.zone();
    }

    Export export(UUID id, Format format) {
        StoredSearch search = searches.ranSearchOf(id);
        if (search.resultCount() > MAX_ROWS) {
            throw new ProblemException(
                    TOO_LARGE,
                    "The search found " + search.resultCount() + " detections; an export holds at most " + MAX_ROWS
                            + ". Narrow the search and export that.");
        }
        return transaction.execute(status -> {
            DetectionFilter filter = DetectionFilter.of(search.criteria(), search.ranAt());
            store.prepareForSearch(Searches.STATEMENT_TIMEOUT_SECONDS, filter);
            List<SearchHit> hits = store.page(id, search.criteria(), filter, null, MAX_ROWS);
            audit.record(new AuditEvent(
                    "search.exported",
                    "search:" + id,
                    "format=" + format.extension + "; " + search.criteria().terms(),
                    search.statedPurpose(),
                    search.caseNumber(),
                    hits.size()));
            byte[] content = format == Format.CSV ? csv(hits) : kml(search, hits);
            return new Export(format, "search-" + id + "." + format.extension, content);
        });
    }

    private byte[] csv(List<SearchHit> hits) {
        DetectionCsv csv = new DetectionCsv(zone, List.of("look_alike"));
        for (SearchHit h : hits) {
            csv.add(
                    h.readId(),
                    h.capturedAt(),
                    h.plate(),
                    h.state(),
                    h.confidence(),
                    h.latitude(),
                    h.longitude(),
                    h.heading(),
                    h.cameraId(),
                    h.cameraName(),
                    h.vehicle(),
                    Boolean.toString(h.lookAlike()));
        }
        return csv.bytes();
    }

    private static byte[] kml(StoredSearch search, List<SearchHit> hits) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("kml");
            xml.writeDefaultNamespace("http://www.opengis.net/kml/2.2");
            xml.writeStartElement("Document");
            text(
                    xml,
                    "name",
                    "Platewatch search " + search.id()
                            + (search.caseNumber() == null ? "" : ", case " + search.caseNumber()));
            text(
                    xml,
                    "description",
                    search.purpose().label() + ": " + search.criteria().terms());
            for (SearchHit h : hits) {
                xml.writeStartElement("Placemark");
                text(xml, "name", h.plate() + (h.state() == null ? "" : " (" + h.state() + ")"));
                xml.writeStartElement("TimeStamp");
                text(xml, "when", h.capturedAt().toString());
                xml.writeEndElement();
                text(
                        xml,
                        "description",
                        "Camera " + h.cameraName() + ", read " + h.readId()
                                + (h.lookAlike() ? ", look-alike of the plate searched for" : ""));
                xml.writeStartElement("Point");
                text(xml, "coordinates", String.format(Locale.ROOT, "%.7f,%.7f", h.longitude(), h.latitude()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write KML", e);
        }
        return bytes.toByteArray();
    }

    private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }
}
