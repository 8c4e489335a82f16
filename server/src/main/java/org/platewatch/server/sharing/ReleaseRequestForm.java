package org.platewatch.server.sharing;

import java.util.List;

/**
 * A written request for data as the API and the console receive it.
 *
 * @param purpose                 a {@link ReleasePurpose} name
 * @param writtenRequest          the request's text, as the agency wrote it (or a summary when it is attached)
 * @param writtenRequestDocument  the agency's written request as a file, Base64 (PDF, JPEG, PNG or plain text)
 * @param paymentOffered          whether anything is offered or asked in exchange: a sale, which the law forbids
 * @param readIds                 the detections asked for, by read id; or else {@code criteria}
 */
record ReleaseRequestForm(
        Long agencyId,
        String requesterName,
        String requesterContact,
        String caseNumber,
        String purpose,
        String warrantNumber,
        String writtenRequest,
        String writtenRequestDocument,
        String writtenRequestDocumentType,
        Boolean paymentOffered,
        List<String> readIds,
        Criteria criteria) {

    /** One plate (and state) over a time window, resolved to read ids when the request is entered. */
    record Criteria(String plate, String state, String from, String to) {}
}
