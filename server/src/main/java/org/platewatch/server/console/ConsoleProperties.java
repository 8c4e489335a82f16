package org.platewatch.server.console;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console's settings ({@code platewatch.console.*}).
 *
 * @param mapTilesUrl          Leaflet tile URL template; the tile server's origin is added to the
 *                             Content-Security-Policy's img-src. Blank: no tiles, markers on a plain background.
 * @param mapTilesAttribution  the attribution the tile server asks for
 * @param mapCenterLatitude    where the map opens when there is nothing to show yet
 * @param mapCenterLongitude   (default: Oakland)
 * @param deviceSilence        a device with no upload for this long is flagged as unhealthy
 */
@ConfigurationProperties(prefix = "platewatch.console")
public record ConsoleProperties(
        @DefaultValue("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        String mapTilesUrl,

        @DefaultValue("&copy; OpenStreetMap contributors") String mapTilesAttribution,
        @DefaultValue("37.8044") double mapCenterLatitude,
        @DefaultValue("-122.2712") double mapCenterLongitude,
        @DefaultValue("2h") Duration deviceSilence) {

    /**
     * The origin to allow images from, for the Content-Security-Policy: {@code https://tile.example.org},
     * or {@code https://*.tile.example.org} when the template has a {s} subdomain placeholder. Empty
     * when there is no tile server or it is this server itself.
     */
    public String tileOrigin() {
        if (mapTilesUrl == null || mapTilesUrl.isBlank() || mapTilesUrl.startsWith("/")) {
            return "";
        }
        String probe = mapTilesUrl.replace("{s}", "subdomain").replaceAll("\\{[^}]*}", "0");
        URI uri = URI.create(probe);
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "";
        }
        String host = uri.getHost().replace("subdomain", "*");
        return uri.getScheme() + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}
