package org.platewatch.server.hotlist;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The hot lists for edge agents: a device (its token) fetches the signed export, with
 * {@code If-None-Match} so that an unchanged list costs a 304, and the public key it verifies it with.
 * Members use the hot-list API itself; the export is for devices only.
 */
@RestController
@RequestMapping("/api/v1/hotlists/export")
@PreAuthorize("hasRole('DEVICE')")
class HotlistExportController {

    private final HotlistExport export;

    HotlistExportController(HotlistExport export) {
        this.export = export;
    }

    @Operation(summary = "The signed export of the hot lists in force, for an edge agent (device token)")
    @GetMapping
    ResponseEntity<HotlistExport.Signed> export(
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        HotlistExport.Signed current = export.current();
        String etag = "\"" + current.version() + "\"";
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(current);
    }

    @Operation(summary = "The Ed25519 key the hot-list export is signed with (device token)")
    @GetMapping("/key")
    HotlistExport.PublicKeyView key() {
        return export.publicKey();
    }
}
