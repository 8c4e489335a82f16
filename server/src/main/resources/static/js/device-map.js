// The cameras page's map: fixed cameras, mobile units at their last position, and where today's reads were
// taken. Markers are vector circles (no icon images), drawn on a plain background: when the tile server
// cannot be reached (no internet in the car or the test lab) the markers stay visible.
(function () {
  'use strict';

  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('device-map');
    if (!el || !window.L) {
      return;
    }
    var data = JSON.parse(el.getAttribute('data-map') || '{}');
    var map = L.map(el, { preferCanvas: false }).setView(data.center || [0, 0], 13);
    el.classList.add('no-tiles');
    if (data.tiles) {
      var layer = L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution || '' });
      layer.on('tileload', function () { el.classList.remove('no-tiles'); });
      layer.on('tileerror', function () { el.setAttribute('data-tiles', 'unavailable'); });
      layer.addTo(map);
    }

    var bounds = [];
    (data.reads || []).forEach(function (p) {
      L.circleMarker(p, { radius: 3, weight: 0, fillOpacity: 0.6, className: 'read-marker' }).addTo(map);
    });
    (data.devices || []).forEach(function (d) {
      if (d.latitude === null || d.longitude === null || d.latitude === undefined) {
        return;
      }
      var classes = 'device-marker ' + (d.kind === 'MOBILE' ? 'mobile' : 'fixed') + (d.healthy ? '' : ' unhealthy');
      var marker = L.circleMarker([d.latitude, d.longitude], {
        radius: 9, weight: 3, fillOpacity: 0.9, className: classes
      }).addTo(map);
      marker.bindTooltip(d.name + ' (' + d.kindLabel + '): ' + d.health);
      var path = marker.getElement();
      if (path) {
        path.setAttribute('data-device', d.name);
      }
      bounds.push([d.latitude, d.longitude]);
    });
    if (bounds.length > 1) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
    } else if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    }
    el.setAttribute('data-ready', 'true');
  });
})();
