package org.platewatch.server.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Several servers on one database (issue 21). Setting {@code platewatch.kafka.bootstrap} implies it.
 *
 * @param enabled        this server is one of several sharing the database ({@code PLATEWATCH_CLUSTER_ENABLED}):
 *                       scheduled jobs run once per cluster, live alerts and hot-list changes go through
 *                       PostgreSQL NOTIFY to every server
 * @param listenRetry    how long the notice listener waits before reconnecting after losing its connection
 */
@ConfigurationProperties(prefix = "platewatch.cluster")
public record ClusterProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("1s") Duration listenRetry) {}
