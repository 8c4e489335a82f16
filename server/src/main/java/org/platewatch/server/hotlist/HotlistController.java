package org.platewatch.server.hotlist;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.platewatch.server.platform.AgencyId;
import org.platewatch.server.platform.HubProperties;
import org.platewatch.server.platform.ProblemException;
import org.platewatch.server.platform.ProblemType;
import org.platewatch.server.users.Permission;
import org.platewatch.server.users.Reauthentication;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The hot-list API: designated lists, imports, entries, custom entries and their approvals. */
@RestController
@RequestMapping("/api/v1/hotlists")
class HotlistController {

    static final String MEMBERS = "hasAnyRole('OFFICER','INVESTIGATOR','SUPERVISOR','ADMINISTRATOR')";

    private final Hotlists hotlists;
    private final HotlistImports imports;
    private final CustomEntryService custom;
    private final CustomEntryApprovals approvals;
    private final HotlistFreshness freshness;
    private final HotlistQuality quality;
    private final Reauthentication reauthentication;
    private final HubProperties hub;

    HotlistController(
            Hotlists hotlists,
            HotlistImports imports,
            CustomEntryService custom,
            CustomEntryApprovals approvals,
            HotlistFreshness freshness,
            HotlistQuality quality,
            Reauthentication reauthentication,
            HubProperties hub) {
        this.hub = hub;
        this.reauthentication = reauthentication;
        this.imports = imports;
        this.hotlists = hotlists;
        this.custom = custom;
        this.approvals = approvals;
        this.freshness = freshness;
        this.quality = quality;
    }

    @Operation(summary = "The designated hot lists, with their age and last error")
    @GetMapping
    @PreAuthorize(MEMBERS)
    List<Hotlist> all() {
        boolean administrator = isAdministrator();
        return hotlists.all().stream()
                .map(h -> administrator ? h.forAdministrators() : h.forMembers())
                .toList();
    }

    private static boolean isAdministrator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> Role.ADMINISTRATOR.authority().equals(a.getAuthority()));
    }

    /**
     * Designating a source decides what the cameras look for, so it needs the administrator at a console
     * session with their password and a fresh code ({@link Reauthentication}). The list's own fields sit under
     * {@code hotlist}, because a list has a {@code code} of its own.
     */
    @Operation(summary = "Designate a hot-list source (ALPR administrator, re-authenticated)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    @Transactional // the confirmation and the designation: a refused designation gives the code back
    Hotlist designate(@RequestBody Designation request) {
        UserAccount admin =
                reauthentication.confirm(Permission.MANAGE_HOTLISTS, request.currentPassword(), request.code());
        requireHubWideManager(admin);
        if (request.hotlist() == null) {
            throw ProblemException.invalid("hotlist", "is required: the list's code, name, sourceKind and format");
        }
        return hotlists.designate(request.hotlist(), admin.actor()).forAdministrators();
    }

    /**
     * In hub mode the designated lists (the state and federal sources) are the whole hub's, matched against every
     * agency's reads: only the home agency's administrators designate and import them; another agency's members
     * read them and keep their own custom entries.
     */
    private void requireHubWideManager(UserAccount admin) {
        if (hub.enabled() && !admin.agency().equals(AgencyId.HOME)) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN,
                    "The hub's designated lists are managed by the hub's own administrators; your agency's own "
                            + "entries are custom entries");
        }
    }

    /** A designation with the administrator's re-authentication. */
    record Designation(Hotlists.NewHotlist hotlist, String currentPassword, String code) {}

    /**
     * Uploading a file replaces what the list holds, which is managing the list as much as designating it:
     * the multipart fields {@code currentPassword} and {@code code} re-authenticate the administrator.
     * Scheduled fetches of a designated source are the system's and need none.
     */
    @Operation(
            summary = "Import a list file (multipart field 'file'); all or nothing (ALPR administrator, "
                    + "re-authenticated)")
    @PostMapping(path = "/{id}/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    ImportReport importFile(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean confirmShrink,
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String code)
            throws IOException {
        UserAccount admin = reauthentication.confirm(Permission.MANAGE_HOTLISTS, currentPassword, code);
        requireHubWideManager(admin);
        if (file.isEmpty()) {
            throw ProblemException.invalid("file", "is empty");
        }
        return imports.importFile(id, file.getBytes(), admin.actor(), confirmShrink);
    }

    @Operation(summary = "Entries of a list, optionally of one plate (audited; CA DOJ and NCIC lists need CLETS)")
    @GetMapping("/{id}/entries")
    @PreAuthorize(MEMBERS)
    List<HotlistEntryView> entries(@PathVariable long id, @RequestParam(required = false) String plate) {
        // hot-list data: current training required; a CLETS-derived list's also CLETS authorisation
        UserAccount member = custom.requireTrainedMember(Permission.PROPOSE_HOTLIST_ENTRIES);
        return hotlists.entries(id, plate, member);
    }

    @Operation(summary = "How old each external list is against the policy's maximum age")
    @GetMapping("/freshness")
    @PreAuthorize(MEMBERS)
    List<HotlistFreshness.ListFreshness> freshness() {
        return freshness.report();
    }

    @Operation(summary = "Entries flagged for the administrator because they keep producing misreads")
    @GetMapping("/flagged")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMINISTRATOR')")
    List<HotlistQuality.EntryQuality> flagged() {
        UserAccount member = custom.requireTrainedMember(Permission.REVIEW_ALERTS);
        List<HotlistQuality.EntryQuality> flagged = quality.flaggedViewedBy(member.actor());
        if (hotlists.mayReadClets(member)) {
            return flagged;
        }
        // A CLETS-derived entry's plate and state are CLETS data: the member sees that it is flagged, not what it is.
        return flagged.stream()
                .map(q -> hotlists.cletsDerived(q.hotlistId()) ? q.withheld() : q)
                .toList();
    }

    @Operation(summary = "Enter a custom entry (BOLO); pending until the ALPR administrator approves it")
    @PostMapping(path = "/custom/entries", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(MEMBERS)
    HotlistEntryView enter(@RequestBody CustomEntryRequest request) {
        return custom.create(request);
    }

    @Operation(summary = "Approve (or, with {\"approve\": false}, reject) a pending custom entry (ALPR administrator)")
    @PostMapping("/custom/entries/{id}/approval")
    @PreAuthorize("hasRole('ADMINISTRATOR')")
    HotlistEntryView approve(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        return approvals.approve(id, Decision.required(decision), decision.note());
    }

    @Operation(summary = "Propose a change to a custom entry; it takes effect when a supervisor approves it")
    @PutMapping(path = "/custom/entries/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(MEMBERS)
    HotlistEntryView proposeChange(@PathVariable long id, @RequestBody CustomEntryRequest change) {
        return custom.proposeChange(id, change);
    }

    @Operation(summary = "Approve (or refuse) the change awaiting approval on a custom entry (supervisor)")
    @PostMapping("/custom/entries/{id}/change-approval")
    @PreAuthorize("hasRole('SUPERVISOR')")
    HotlistEntryView decideChange(@PathVariable long id, @RequestBody(required = false) Decision decision) {
        boolean approve = Decision.required(decision);
        if (decision.proposedAt() == null || decision.proposedAt().isBlank()) {
            throw ProblemException.invalid("proposedAt", "is required: the proposedAt of the change you decide on");
        }
        Instant seen;
        try {
            seen = Instant.parse(decision.proposedAt().trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("proposedAt", "an ISO-8601 instant, as the entry's proposedAt shows it");
        }
        return approvals.decideChange(id, approve, seen);
    }

    /**
     * An approver's decision: {@code approve} must be given (a missing body or field is never an approval);
     * {@code proposedAt} names the change decided on (change approvals only).
     */
    record Decision(Boolean approve, String note, String proposedAt) {

        static boolean required(Decision decision) {
            if (decision == null || decision.approve() == null) {
                throw ProblemException.invalid("approve", "is required: true to approve, false to refuse");
            }
            return decision.approve();
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize(MEMBERS)
    Hotlist one(@PathVariable long id) {
        Hotlist list = hotlists.find(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "id", "No hot list " + id));
        return isAdministrator() ? list.forAdministrators() : list.forMembers();
    }
}
