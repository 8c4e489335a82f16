package org.platewatch.server.transparency;

import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The public page's releases and audits, counted from the sharing feature's release ledger and the audit feature's
 * completed periodic audits (both exist now; {@link ReleaseFigures#NONE} and {@link AuditFigures#NONE} remain for a
 * build without them).
 */
@Configuration(proxyBeanMethods = false)
class RecordedFigures {

    @Bean
    ReleaseFigures releaseLedgerFigures(TransparencyStore store) {
        return new ReleaseFigures() {
            @Override
            public boolean recorded() {
                return true;
            }

            @Override
            public List<KindCount> releasesByAgencyType(Instant from, Instant to) {
                return store.releasesByAgencyType(from, to);
            }
        };
    }

    @Bean
    AuditFigures completedAuditFigures(TransparencyStore store) {
        return new AuditFigures() {
            @Override
            public boolean recorded() {
                return true;
            }

            @Override
            public long auditsCompleted(Instant from, Instant to) {
                return store.auditsCompleted(from, to);
            }
        };
    }
}
