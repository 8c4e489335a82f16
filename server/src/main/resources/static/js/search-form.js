// The search form's area map: a click sets the centre of the area searched (the latitude and longitude fields),
// and the circle follows the radius field. The fields stay the form's truth: typing in them moves the circle,
// and the form works without this script. Cameras with a registered position are drawn for orientation.
(function () {
  'use strict';

  var DEFAULT_RADIUS = 500;

  function $(id) { return document.getElementById(id); }

  function number(input) {
    var v = parseFloat(input.value);
    return isNaN(v) ? null : v;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var el = $('area-map');
    var lat = $('search-latitude');
    var lon = $('search-longitude');
    var radius = $('search-radiusMeters');
    if (!el || !lat || !lon || !radius) { return; }
    var clear = $('area-clear');
    if (!window.L) {
      el.hidden = true; // the fields alone still say where
      return;
    }
    var data = JSON.parse(el.getAttribute('data-map') || '{}');
    var settings = data.settings || {};
    var map = L.map(el).setView(settings.center || [0, 0], 13);
    el.classList.add('no-tiles');
    if (settings.tiles) {
      var layer = L.tileLayer(settings.tiles, { maxZoom: 19, attribution: settings.attribution || '' });
      layer.on('tileload', function () { el.classList.remove('no-tiles'); });
      layer.addTo(map);
    }
    (data.cameras || []).forEach(function (c) {
      L.circleMarker([c.latitude, c.longitude], { radius: 6, weight: 2, fillOpacity: 0.8, className: 'camera-marker' })
        .bindTooltip(c.name).addTo(map);
    });

    var circle = null;
    function draw() {
      var la = number(lat), lo = number(lon), r = number(radius);
      if (la === null || lo === null || Math.abs(la) > 90 || Math.abs(lo) > 180) {
        if (circle) { map.removeLayer(circle); circle = null; }
        el.removeAttribute('data-area');
        return;
      }
      var meters = r !== null && r > 0 ? r : DEFAULT_RADIUS;
      if (!circle) {
        circle = L.circle([la, lo], { radius: meters, weight: 2, className: 'area-circle' }).addTo(map);
      } else {
        circle.setLatLng([la, lo]);
        circle.setRadius(meters);
      }
      el.setAttribute('data-area', la.toFixed(6) + ',' + lo.toFixed(6) + ',' + meters);
    }

    map.on('click', function (evt) {
      lat.value = evt.latlng.lat.toFixed(6);
      lon.value = evt.latlng.lng.toFixed(6);
      if (number(radius) === null) { radius.value = String(DEFAULT_RADIUS); }
      draw();
    });
    [lat, lon, radius].forEach(function (input) { input.addEventListener('input', draw); });
    if (clear) {
      clear.addEventListener('click', function () {
        lat.value = '';
        lon.value = '';
        radius.value = '';
        draw();
      });
    }
    draw();
    if (circle) { map.fitBounds(circle.getBounds(), { padding: [20, 20] }); }
    el.setAttribute('data-ready', 'true');
  });
})();
