package org.platewatch.server.search;

import java.util.Set;
import org.platewatch.server.console.ConsoleNavEntry;
import org.platewatch.server.policy.DepartmentProfile;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The search console's menu entries: the search page for the roles the department's profile lets search, the
 * approvals queue for those who decide on broad searches. The pages check again on the server: the menu only hides.
 */
@Configuration(proxyBeanMethods = false)
class SearchConsolePages {

    static final String SEARCHES = "/console/searches";
    static final String APPROVALS = "/console/searches/approvals";

    @Bean
    ConsoleNavEntry searchNav(DepartmentProfile profile) {
        // the id of console's planned "search" entry, which this replaces
        return new ConsoleNavEntry(
                "search", "Search", SEARCHES, 40, profile.search().roles());
    }

    @Bean
    ConsoleNavEntry searchApprovalsNav() {
        return new ConsoleNavEntry(
                "search-approvals", "Search approvals", APPROVALS, 45, Set.of("SUPERVISOR", "ADMINISTRATOR"));
    }
}
