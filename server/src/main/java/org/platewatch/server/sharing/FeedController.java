package org.platewatch.server.sharing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A standing agreement's regional-centre feed: its status, and its settings (administrators). */
@RestController
@RequestMapping("/api/v1/sharing/agreements/{id}/feed")
@ConditionalOnWebApplication
@PreAuthorize(SharingController.MAY_MANAGE)
class FeedController {

    private final Feeds feeds;

    FeedController(Feeds feeds) {
        this.feeds = feeds;
    }

    @GetMapping
    FeedStatus status(@PathVariable long id) {
        return feeds.status(id);
    }

    @PutMapping
    FeedStatus configure(@PathVariable long id, @RequestBody(required = false) Feeds.FeedForm form) {
        return feeds.configure(id, form);
    }
}
