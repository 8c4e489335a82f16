package org.platewatch.server.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Hub mode (issue 21 item 3; docs/scaling.md, "Hub mode").
 *
 * @param enabled this server is a regional hub of several agencies ({@code PLATEWATCH_HUB_ENABLED}): reads, alerts
 *                and searches are each agency's own, enforced by PostgreSQL's row-level security. Once a database
 *                has run as a hub, a server without the setting refuses to start on it.
 */
@ConfigurationProperties(prefix = "platewatch.hub")
public record HubProperties(@DefaultValue("false") boolean enabled) {}
